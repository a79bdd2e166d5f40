#ifndef CAIRN_CH2O_SHIM_H
#define CAIRN_CH2O_SHIM_H

#define H2O_USE_EPOLL 1
#include <netinet/in.h>
#include <string.h>
#include <sys/random.h>
#include <sys/socket.h>
#include <h2o.h>
#include <h2o/http1.h>
#include <h2o/multithread.h>

/* Small inline accessors, so Swift never walks h2o's nested structs itself. */

/** Turns off the h2c upgrade and caps request bodies; h2o 2.2.5 allows both by default. */
static inline void cairn_h2o_configure_limits(h2o_globalconf_t *config, size_t max_body_bytes)
{
    config->http1.upgrade_to_http2 = 0;
    config->max_request_entity_size = max_body_bytes;
    config->server_name = h2o_iovec_init(H2O_STRLIT("cairn"));
}

static inline h2o_iovec_t cairn_h2o_req_method(const h2o_req_t *req) { return req->input.method; }
static inline h2o_iovec_t cairn_h2o_req_path(const h2o_req_t *req) { return req->input.path; }
static inline h2o_iovec_t cairn_h2o_req_entity(const h2o_req_t *req) { return req->entity; }
static inline size_t cairn_h2o_req_header_count(const h2o_req_t *req) { return req->headers.size; }
static inline h2o_iovec_t cairn_h2o_req_header_name(const h2o_req_t *req, size_t i) { return *req->headers.entries[i].name; }
static inline h2o_iovec_t cairn_h2o_req_header_value(const h2o_req_t *req, size_t i) { return req->headers.entries[i].value; }

/** Writes the peer's IPv4 or IPv6 address as text; returns its length, or 0 when unknown. */
static inline size_t cairn_h2o_req_peer(h2o_req_t *req, char *buffer, size_t capacity)
{
    struct sockaddr_storage storage;
    socklen_t length = req->conn->callbacks->get_peername(req->conn, (struct sockaddr *)&storage);
    if (length == 0)
        return 0;
    size_t written = h2o_socket_getnumerichost((struct sockaddr *)&storage, length, buffer);
    return written == SIZE_MAX ? 0 : (written < capacity ? written : 0);
}

/** One loop's h2o context with a pointer back to the Swift object that owns it. */
typedef struct {
    h2o_context_t context;
    h2o_accept_ctx_t accept_context;
    h2o_multithread_receiver_t receiver;
    h2o_multithread_queue_t *queue;
    void *owner;
} cairn_h2o_loop;

static inline void *cairn_h2o_req_loop_owner(h2o_req_t *req) { return ((cairn_h2o_loop *)req->conn->ctx)->owner; }

/** Creates the loop's context, its accept context and its cross-thread receiver. */
static inline void cairn_h2o_loop_init(cairn_h2o_loop *loop, h2o_globalconf_t *config, void *owner,
                                       h2o_multithread_receiver_cb on_message)
{
    memset(loop, 0, sizeof(*loop));
    h2o_context_init(&loop->context, h2o_evloop_create(), config);
    loop->accept_context.ctx = &loop->context;
    loop->accept_context.hosts = config->hosts;
    loop->queue = h2o_multithread_create_queue(loop->context.loop);
    h2o_multithread_register_receiver(loop->queue, &loop->receiver, on_message);
    loop->owner = owner;
}

static inline void *cairn_h2o_receiver_owner(h2o_multithread_receiver_t *receiver)
{
    return H2O_STRUCT_FROM_MEMBER(cairn_h2o_loop, receiver, receiver)->owner;
}

/** Runs the loop until `h2o_evloop_run` reports an error. */
static inline void cairn_h2o_loop_run(cairn_h2o_loop *loop)
{
    while (h2o_evloop_run(loop->context.loop, INT32_MAX) == 0)
        ;
}

static inline void cairn_h2o_close_listener(h2o_socket_t *listener)
{
    h2o_socket_read_stop(listener);
    h2o_socket_close(listener);
}

/** Adds `X-Request-ID` to a response h2o makes itself: the request's own id when it is 1 to 128 letters, digits,
 * '.', '_' or '-', a fresh random one otherwise, as the Swift pipeline does for every other response. */
static inline void cairn_h2o_add_request_id(h2o_req_t *req)
{
    ssize_t index = h2o_find_header_by_str(&req->headers, H2O_STRLIT("x-request-id"), -1);
    if (index != -1) {
        h2o_iovec_t value = req->headers.entries[index].value;
        int sane = value.len >= 1 && value.len <= 128;
        for (size_t i = 0; sane && i < value.len; i++) {
            char c = value.base[i];
            sane = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '.' || c == '_' ||
                   c == '-';
        }
        if (sane) {
            h2o_add_header_by_str(&req->pool, &req->res.headers, H2O_STRLIT("x-request-id"), 0, NULL, value.base, value.len);
            return;
        }
    }
    uint8_t random[16];
    h2o_iovec_t id = h2o_iovec_init(h2o_mem_alloc_pool(&req->pool, 33), 32);
    static const char digits[] = "0123456789abcdef";
    if (getrandom(random, sizeof(random), 0) != (ssize_t)sizeof(random)) {
        static uint64_t fallback_counter;
        uint64_t count = __atomic_add_fetch(&fallback_counter, 1, __ATOMIC_RELAXED);
        memset(random, 0, sizeof(random));
        memcpy(random, &count, sizeof(count));
    }
    for (size_t i = 0; i < sizeof(random); i++) {
        id.base[2 * i] = digits[random[i] >> 4];
        id.base[2 * i + 1] = digits[random[i] & 0xf];
    }
    id.base[32] = '\0';
    h2o_add_header_by_str(&req->pool, &req->res.headers, H2O_STRLIT("x-request-id"), 0, NULL, id.base, id.len);
}

/** Replaces the plain-text body of an error h2o answers by itself (such as 413 for a body over the limit, sent
 * before any handler runs) with the JSON error envelope every other response uses. */
typedef struct {
    h2o_ostream_t super;
    h2o_iovec_t body;
    int sent;
} cairn_h2o_error_ostream;

static inline void cairn_h2o_error_do_send(h2o_ostream_t *self, h2o_req_t *req, h2o_iovec_t *bufs, size_t bufcnt,
                                           h2o_send_state_t state)
{
    cairn_h2o_error_ostream *stream = (cairn_h2o_error_ostream *)self;
    if (!stream->sent) {
        stream->sent = 1;
        h2o_ostream_send_next(self, req, &stream->body, 1, state);
    } else {
        h2o_ostream_send_next(self, req, NULL, 0, state);
    }
}

static inline void cairn_h2o_error_on_setup_ostream(h2o_filter_t *self, h2o_req_t *req, h2o_ostream_t **slot)
{
    ssize_t index = h2o_find_header(&req->res.headers, H2O_TOKEN_CONTENT_TYPE, -1);
    if (req->res.status >= 400 && index != -1 &&
        h2o_memis(req->res.headers.entries[index].value.base, req->res.headers.entries[index].value.len,
                  H2O_STRLIT("text/plain; charset=utf-8"))) {
        h2o_iovec_t body;
        switch (req->res.status) {
        case 413:
            body = h2o_iovec_init(H2O_STRLIT("{\"success\":false,\"error\":{\"code\":\"PAYLOAD_TOO_LARGE\","
                                             "\"message\":\"The request body is larger than the server accepts\"}}"));
            break;
        case 400:
            body = h2o_iovec_init(H2O_STRLIT("{\"success\":false,\"error\":{\"code\":\"VALIDATION_ERROR\","
                                             "\"message\":\"Malformed HTTP request\"}}"));
            break;
        case 404:
            body = h2o_iovec_init(H2O_STRLIT("{\"success\":false,\"error\":{\"code\":\"NOT_FOUND\","
                                             "\"message\":\"No endpoint at this path\"}}"));
            break;
        default:
            body = h2o_iovec_init(H2O_STRLIT("{\"success\":false,\"error\":{\"code\":\"INTERNAL_ERROR\","
                                             "\"message\":\"The request could not be processed\"}}"));
            break;
        }
        req->res.headers.entries[index].value = h2o_iovec_init(H2O_STRLIT("application/json"));
        req->res.content_length = body.len;
        cairn_h2o_add_request_id(req);
        cairn_h2o_error_ostream *stream = (cairn_h2o_error_ostream *)h2o_add_ostream(req, sizeof(*stream), slot);
        stream->super.do_send = cairn_h2o_error_do_send;
        stream->body = body;
        stream->sent = 0;
        slot = &stream->super.next;
    }
    h2o_setup_next_ostream(req, slot);
}

/** Registers the host and a catch-all path whose handler is `on_req`. */
static inline void cairn_h2o_config_init(h2o_globalconf_t *config, int (*on_req)(h2o_handler_t *, h2o_req_t *))
{
    h2o_config_init(config);
    h2o_hostconf_t *host = h2o_config_register_host(config, h2o_iovec_init(H2O_STRLIT("default")), 65535);
    h2o_pathconf_t *path = h2o_config_register_path(host, "/", 0);
    h2o_create_handler(path, sizeof(h2o_handler_t))->on_req = on_req;
    h2o_create_filter(path, sizeof(h2o_filter_t))->on_setup_ostream = cairn_h2o_error_on_setup_ostream;
    h2o_create_filter(&host->fallback_path, sizeof(h2o_filter_t))->on_setup_ostream = cairn_h2o_error_on_setup_ostream;
}

/** Lives in the request's memory pool; h2o calls `dispose` when the request is freed (response sent or client gone). */
typedef struct {
    uint64_t token;
    void *owner;
} cairn_h2o_request_tag;

static inline cairn_h2o_request_tag *cairn_h2o_tag_request(h2o_req_t *req, void (*dispose)(void *))
{
    return (cairn_h2o_request_tag *)h2o_mem_alloc_shared(&req->pool, sizeof(cairn_h2o_request_tag), dispose);
}

static inline void cairn_h2o_add_response_header(h2o_req_t *req, const char *name, size_t name_len, const char *value,
                                                 size_t value_len)
{
    h2o_iovec_t n = h2o_strdup(&req->pool, name, name_len);
    h2o_iovec_t v = h2o_strdup(&req->pool, value, value_len);
    h2o_add_header_by_str(&req->pool, &req->res.headers, n.base, n.len, 1, NULL, v.base, v.len);
}

/** The standard reason phrase of `status`; static storage, as h2o keeps the pointer until the response is sent. */
static inline const char *cairn_h2o_reason(int status)
{
    switch (status) {
    case 200: return "OK";
    case 201: return "Created";
    case 202: return "Accepted";
    case 204: return "No Content";
    case 206: return "Partial Content";
    case 301: return "Moved Permanently";
    case 304: return "Not Modified";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 409: return "Conflict";
    case 413: return "Payload Too Large";
    case 415: return "Unsupported Media Type";
    case 416: return "Range Not Satisfiable";
    case 423: return "Locked";
    case 429: return "Too Many Requests";
    case 500: return "Internal Server Error";
    case 503: return "Service Unavailable";
    default: return "";
    }
}

/** Sends the whole response at once; the body is copied into the request's pool. */
static inline void cairn_h2o_send(h2o_req_t *req, int status, const char *body, size_t len)
{
    static h2o_generator_t generator = {NULL, NULL};
    req->res.status = status;
    req->res.reason = cairn_h2o_reason(status);
    req->res.content_length = len;
    h2o_iovec_t buf = h2o_strdup(&req->pool, body, len);
    h2o_start_response(req, &generator);
    if (h2o_memis(req->input.method.base, req->input.method.len, H2O_STRLIT("HEAD")))
        h2o_send(req, NULL, 0, H2O_SEND_STATE_FINAL);
    else
        h2o_send(req, &buf, 1, H2O_SEND_STATE_FINAL);
}

/** A wake-up message for a loop's receiver; freed by the receiver. */
typedef struct {
    h2o_multithread_message_t super;
} cairn_h2o_wakeup;

static inline void cairn_h2o_send_wakeup(h2o_multithread_receiver_t *receiver)
{
    cairn_h2o_wakeup *message = (cairn_h2o_wakeup *)calloc(1, sizeof(cairn_h2o_wakeup));
    h2o_multithread_send_message(receiver, &message->super);
}

/** Frees every wake-up message in `messages`. */
static inline void cairn_h2o_free_wakeups(h2o_linklist_t *messages)
{
    while (!h2o_linklist_is_empty(messages)) {
        h2o_multithread_message_t *message = H2O_STRUCT_FROM_MEMBER(h2o_multithread_message_t, link, messages->next);
        h2o_linklist_unlink(&message->link);
        free(message);
    }
}

/** Opens a non-blocking listening socket with SO_REUSEPORT, so each loop accepts on its own; returns -1 on failure. */
static inline int cairn_h2o_open_listener(const struct sockaddr *address, socklen_t length)
{
    int fd = socket(address->sa_family, SOCK_STREAM | SOCK_CLOEXEC, 0), on = 1;
    if (fd < 0)
        return -1;
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof(on));
    setsockopt(fd, SOL_SOCKET, SO_REUSEPORT, &on, sizeof(on));
    if (bind(fd, address, length) != 0 || listen(fd, SOMAXCONN) != 0) {
        close(fd);
        return -1;
    }
    return fd;
}

/** Accepts one connection from `listener` into the loop whose accept context is in `listener->data`. */
static inline void cairn_h2o_on_accept(h2o_socket_t *listener, const char *error)
{
    if (error != NULL)
        return;
    h2o_socket_t *socket = h2o_evloop_socket_accept(listener);
    if (socket != NULL)
        h2o_accept((h2o_accept_ctx_t *)listener->data, socket);
}

static inline h2o_socket_t *cairn_h2o_listen(h2o_loop_t *loop, int fd, h2o_accept_ctx_t *accept_context)
{
    h2o_socket_t *listener = h2o_evloop_socket_create(loop, fd, H2O_SOCKET_FLAG_DONT_READ);
    listener->data = accept_context;
    h2o_socket_read_start(listener, cairn_h2o_on_accept);
    return listener;
}

#endif
