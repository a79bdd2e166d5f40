import CH2O
import Foundation
import Synchronization

/// One h2o event loop and the thread that runs it.
///
/// `pending` and `listener` are touched only on the loop thread (in h2o callbacks), so they need no lock;
/// `completed` and `closeRequested` cross threads and sit behind the mutex.
final class EventLoop: @unchecked Sendable {
    let index: Int
    unowned let engine: HTTPEngine
    private let loop: UnsafeMutablePointer<cairn_h2o_loop>
    private let listenerDescriptor: Int32
    private var listener: UnsafeMutablePointer<h2o_socket_t>?

    /// Requests waiting for their response, by token. Loop thread only.
    private var pending: [UInt64: UnsafeMutablePointer<h2o_req_t>] = [:]
    private var nextToken: UInt64 = 0
    private let outbox = Mutex(Outbox())

    private struct Outbox {
        var completed: [(token: UInt64, response: Response)] = []
        var closeRequested = false
    }

    private let config: UnsafeMutablePointer<h2o_globalconf_t>

    init(index: Int, engine: HTTPEngine, config: UnsafeMutablePointer<h2o_globalconf_t>, listenerDescriptor: Int32) {
        self.index = index
        self.engine = engine
        self.config = config
        self.listenerDescriptor = listenerDescriptor
        self.loop = UnsafeMutablePointer<cairn_h2o_loop>.allocate(capacity: 1)
    }

    /// Starts the loop thread and returns once the loop can take messages.
    ///
    /// The h2o context is created on the loop thread itself, because h2o recycles memory per thread and memory it
    /// allocated on one thread must not be freed on another.
    func startThread() {
        let ready = DispatchSemaphore(value: 0)
        let thread = Thread { [self] in
            let owner = Unmanaged.passUnretained(self).toOpaque()
            cairn_h2o_loop_init(self.loop, self.config, owner, onLoopMessage)
            self.listener = cairn_h2o_listen(
                self.loop.pointee.context.loop,
                self.listenerDescriptor,
                &self.loop.pointee.accept_context
            )
            ready.signal()
            cairn_h2o_loop_run(self.loop)
        }
        thread.name = "cairn-http-\(self.index)"
        thread.stackSize = 1 << 20
        thread.start()
        ready.wait()
    }

    /// Copies `request` out of h2o and starts its handler on a task. Loop thread only.
    func accept(_ request: UnsafeMutablePointer<h2o_req_t>) {
        let token = self.nextToken
        self.nextToken &+= 1
        self.pending[token] = request
        let tag = cairn_h2o_tag_request(request, onRequestDisposed)!
        tag.pointee.token = token
        tag.pointee.owner = Unmanaged.passUnretained(self).toOpaque()
        self.engine.inFlight.add(1, ordering: .relaxed)

        let copy = RequestCopier.copy(request)
        let responder = self.engine.responder
        Task {
            let response: Response
            do {
                response = try await responder(copy)
            } catch {
                response = HTTPError.internalError.response
            }
            self.complete(token: token, response: response)
        }
    }

    /// Queues a finished response for the loop thread; callable from any thread.
    private func complete(token: UInt64, response: Response) {
        let wasEmpty = self.outbox.withLock { outbox in
            let wasEmpty = outbox.completed.isEmpty
            outbox.completed.append((token, response))
            return wasEmpty
        }
        if wasEmpty {
            cairn_h2o_send_wakeup(&self.loop.pointee.receiver)
        }
    }

    /// Asks the loop thread to close its listener.
    func requestListenerClose() {
        self.outbox.withLock { $0.closeRequested = true }
        cairn_h2o_send_wakeup(&self.loop.pointee.receiver)
    }

    /// Sends queued responses. Loop thread only.
    fileprivate func drain() {
        let (completed, closeRequested) = self.outbox.withLock { outbox in
            let taken = outbox.completed
            outbox.completed.removeAll(keepingCapacity: true)
            return (taken, outbox.closeRequested)
        }

        for (token, response) in completed {
            self.engine.inFlight.subtract(1, ordering: .relaxed)
            guard let request = self.pending.removeValue(forKey: token) else { continue }
            for field in response.headers {
                field.name.withCString { name in
                    field.value.withCString { value in
                        cairn_h2o_add_response_header(request, name, strlen(name), value, strlen(value))
                    }
                }
            }
            response.body.withUnsafeBufferPointer { body in
                body.withMemoryRebound(to: CChar.self) {
                    cairn_h2o_send(request, Int32(response.status.rawValue), $0.baseAddress, $0.count)
                }
            }
        }

        if closeRequested, let listener = self.listener {
            cairn_h2o_close_listener(listener)
            self.listener = nil
        }
    }

    /// Forgets a request h2o freed before its response was sent, such as when the client went away.
    fileprivate func forget(token: UInt64) {
        self.pending.removeValue(forKey: token)
    }
}

/// h2o's callback for cross-thread messages; runs on the loop thread.
private func onLoopMessage(
    _ receiver: UnsafeMutablePointer<h2o_multithread_receiver_t>?,
    _ messages: UnsafeMutablePointer<h2o_linklist_t>?
) {
    guard let receiver, let messages else { return }
    cairn_h2o_free_wakeups(messages)
    let loop = Unmanaged<EventLoop>.fromOpaque(cairn_h2o_receiver_owner(receiver)).takeUnretainedValue()
    loop.drain()
}

/// Called when a request's memory pool is freed; runs on the loop thread.
private func onRequestDisposed(_ pointer: UnsafeMutableRawPointer?) {
    guard let tag = pointer?.assumingMemoryBound(to: cairn_h2o_request_tag.self), let owner = tag.pointee.owner
    else { return }
    let loop = Unmanaged<EventLoop>.fromOpaque(owner).takeUnretainedValue()
    loop.forget(token: tag.pointee.token)
}
