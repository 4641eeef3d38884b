package dev.macula.tools.chaos;

import dev.macula.tools.support.PlatformClient;

/** A platform process started for the chaos run, and a client logged in to it as the admin. */
record ChaosNode(String name, int port, Process process, PlatformClient client) {

    /** Kills the process (when still alive) and starts the node again on the same port and data. */
    ChaosNode restarted(NodeLauncher launcher) throws Exception {
        kill();
        return launcher.start(name, port);
    }

    void kill() throws InterruptedException {
        if (process.isAlive()) {
            process.destroyForcibly().waitFor();
        }
    }
}
