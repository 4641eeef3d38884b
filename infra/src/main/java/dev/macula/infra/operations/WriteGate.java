package dev.macula.infra.operations;

import dev.macula.api.common.ApiException;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.stereotype.Component;

import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Pauses writes while the PostgreSQL read models are rebuilt: every command holds a read lock for
 * its unit of work; a rebuild closes the gate (new commands get 503 at once) and then takes the
 * write lock, which waits for the commands in flight to finish.
 */
@Component
class WriteGate implements MessageHandlerInterceptor<CommandMessage<?>> {

    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private volatile String pausedFor;

    WriteGate(CommandBus commandBus) {
        commandBus.registerHandlerInterceptor(this);
    }

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain chain) throws Exception {
        String reason = pausedFor;
        if (reason != null || !lock.readLock().tryLock()) {
            throw new ApiException(503, "Writes are paused while " + (reason == null ? "maintenance" : reason)
                    + " runs; try again in a moment");
        }
        unitOfWork.onCleanup(u -> lock.readLock().unlock());
        return chain.proceed();
    }

    /** Closes the gate and waits for the writes in flight; {@link #open()} undoes it. */
    void close(String reason) {
        pausedFor = reason;
        lock.writeLock().lock();
    }

    void open() {
        lock.writeLock().unlock();
        pausedFor = null;
    }
}
