package dev.macula.command.segmentation;

import dev.macula.api.segmentation.SegmentationMessages.WriteSegmentationDataCommand;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.stereotype.Component;

/**
 * The blob a data-write event names is on disk before the event is stored. The controller writes
 * the blob while the command runs ({@link VoxelStorage#storeDuringCommand}); this waits for it in
 * the unit of work's prepare-commit phase, which comes before the event store appends the event and
 * before the transaction commits, while the aggregate is still locked. A missing blob rolls the
 * command back.
 */
@Component
class BlobsBeforeCommit implements MessageHandlerInterceptor<CommandMessage<?>> {

    private final VoxelStorage storage;

    BlobsBeforeCommit(CommandBus commandBus, VoxelStorage storage) {
        this.storage = storage;
        commandBus.registerHandlerInterceptor(this);
    }

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain chain) throws Exception {
        if (unitOfWork.getMessage().getPayload() instanceof WriteSegmentationDataCommand write) {
            unitOfWork.onPrepareCommit(u -> storage.requireStored(write.checksum()));
        }
        return chain.proceed();
    }
}
