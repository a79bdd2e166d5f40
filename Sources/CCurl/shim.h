#include <curl/curl.h>

/* curl_easy_setopt is variadic, which Swift cannot call; these fix the argument type per use. */
static inline CURLcode cairn_curl_set_string(CURL *handle, CURLoption option, const char *value)
{
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode cairn_curl_set_long(CURL *handle, CURLoption option, long value)
{
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode cairn_curl_set_pointer(CURL *handle, CURLoption option, void *value)
{
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode cairn_curl_set_read_function(CURL *handle, size_t (*function)(char *, size_t, size_t, void *))
{
    return curl_easy_setopt(handle, CURLOPT_READFUNCTION, function);
}
