package dev.macula.tools.support;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/** The {@code --name value} and {@code --flag} arguments of the client commands (rollback, export). */
public final class CommandLineOptions {

    private CommandLineOptions() {
    }

    /**
     * Option name (without {@code --}) → value; a flag present maps to {@code "true"}.
     *
     * @throws IllegalArgumentException for an unknown argument or an option without its value
     */
    public static Map<String, String> parse(String[] args, Set<String> valued, Set<String> flags) {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String name = args[i].startsWith("--") ? args[i].substring(2) : null;
            if (name != null && flags.contains(name)) {
                values.put(name, "true");
            } else if (name != null && valued.contains(name)) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(args[i] + " needs a value");
                }
                values.put(name, args[++i]);
            } else {
                throw new IllegalArgumentException("unknown argument: " + args[i]);
            }
        }
        return values;
    }

    /** The parsed options, or the parser's complaint and the usage on stderr and exit status 2. */
    public static <T> T orUsage(Supplier<T> parse, String usage) {
        try {
            return parse.get();
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage() + "\n" + usage);
            System.exit(2);
            throw e; // not reached
        }
    }
}
