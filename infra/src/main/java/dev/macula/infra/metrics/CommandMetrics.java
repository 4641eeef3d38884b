package dev.macula.infra.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.axonframework.messaging.Message;
import org.axonframework.monitoring.MessageMonitor;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * {@code macula_commands_total{command,outcome}} and {@code macula_command_seconds{command}}: the
 * command bus's monitor, which Axon calls when a command arrives and when its unit of work has
 * ended — commit included, so a command that the read models refuse at commit (a duplicate tag
 * name) counts as rejected, and one the write gate turns away counts too. Meters are looked up once
 * per command type, not built per command.
 */
final class CommandMetrics implements MessageMonitor<Message<?>> {

    private final Supplier<MeterRegistry> registry;
    private final Map<Class<?>, Meters> meters = new ConcurrentHashMap<>();

    CommandMetrics(Supplier<MeterRegistry> registry) {
        this.registry = registry;
    }

    @Override
    public MonitorCallback onMessageIngested(Message<?> command) {
        long start = System.nanoTime();
        Class<?> type = command.getPayloadType();
        return new MonitorCallback() {
            @Override
            public void reportSuccess() {
                record(type, Outcome.SUCCESS, start);
            }

            @Override
            public void reportFailure(Throwable cause) {
                record(type, Outcome.of(cause), start);
            }

            @Override
            public void reportIgnored() {
                // commands are never ignored; nothing was done
            }
        };
    }

    private void record(Class<?> type, Outcome outcome, long start) {
        Meters forType = meters.computeIfAbsent(type, this::meters);
        forType.seconds.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        forType.outcomes.get(outcome).increment();
    }

    private Meters meters(Class<?> type) {
        MeterRegistry target = registry.get();
        String command = type.getSimpleName();
        Map<Outcome, Counter> outcomes = new java.util.EnumMap<>(Outcome.class);
        for (Outcome outcome : Outcome.values()) {
            outcomes.put(outcome, Counter.builder("macula.commands").description("Commands handled, by outcome")
                    .tag("command", command).tag("outcome", outcome.label).register(target));
        }
        Timer seconds = Timer.builder("macula.command").description("Time from dispatch to the end of the unit of work")
                .tag("command", command).serviceLevelObjectives(Outcome.BUCKETS).register(target);
        return new Meters(outcomes, seconds);
    }

    private record Meters(Map<Outcome, Counter> outcomes, Timer seconds) {
    }
}
