package policygraph;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.BoltConnectorInternalSettings;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.connectors.HttpsConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;

/**
 * A Neo4j Community DBMS with Bolt on 127.0.0.1 only, for policygraph's tests.
 *
 * <p>Usage: TestServer HOME_DIR [BOLT_PORT]; the port defaults to $NEO4J_PORT, then 7687.
 * The password of user neo4j comes from NEO4J_PASSWORD and is never printed. Prints one
 * "ready" line once clients can log in, then runs until SIGTERM/SIGINT, which shuts the
 * store down cleanly.
 */
public final class TestServer {
    public static void main(String[] args) {
        if (args.length < 1 || args.length > 2) {
            System.err.println("usage: TestServer HOME_DIR [BOLT_PORT]");
            System.exit(2);
        }
        Path home = Path.of(args[0]).toAbsolutePath();
        String portText = args.length == 2 ? args[1] : System.getenv().getOrDefault("NEO4J_PORT", "7687");
        int port = Integer.parseInt(portText);
        String password = System.getenv("NEO4J_PASSWORD");
        if (password == null || password.length() < 8) {
            // Neo4j 5 refuses shorter passwords; fail early with a clear message instead.
            System.err.println("NEO4J_PASSWORD must be set, 8 characters or more");
            System.exit(2);
        }

        try {
            run(home, port, password);
        } catch (Exception e) {
            // E.g. the port is taken: exit, so that neo4j-start sees the failure at once.
            e.printStackTrace();
            System.exit(1);
        }
    }

    private static void run(Path home, int port, String password) throws InterruptedException {
        DatabaseManagementService dbms = new DatabaseManagementServiceBuilder(home)
                .setConfig(BoltConnector.enabled, true)
                // Loopback only: a test server with a known password must not face the network.
                .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
                .setConfig(BoltConnector.advertised_address, new SocketAddress("127.0.0.1", port))
                .setConfig(HttpConnector.enabled, false)
                .setConfig(HttpsConnector.enabled, false)
                .setConfig(GraphDatabaseSettings.auth_enabled, true)
                // On by default: it would try to reach Neo4j's usage-report host.
                .setConfig(GraphDatabaseSettings.udc_enabled, false)
                // Unset, Neo4j sizes the page cache at half the machine's RAM; tests need little.
                .setConfig(GraphDatabaseSettings.pagecache_memory, 512L * 1024 * 1024)
                // Throwaway stores: don't reserve 256 MB of transaction log per database.
                .setConfig(GraphDatabaseSettings.preallocate_logical_logs, false)
                // Bolt waits 5 s twice at shutdown after the databases are already closed;
                // 1 s keeps neo4j-stop quick (internal settings: pinned with the version).
                .setConfig(BoltConnectorInternalSettings.thread_pool_shutdown_wait_time, Duration.ofSeconds(1))
                .setConfig(BoltConnectorInternalSettings.connection_shutdown_wait_time, Duration.ofSeconds(1))
                .build();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            dbms.shutdown();
            stopped.countDown();
        }, "policygraph-neo4j-shutdown"));

        // A fresh DBMS has neo4j/neo4j with a forced change; set the test password so that
        // clients connect without that extra step. Parameters keep it out of every log.
        var system = dbms.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME);
        system.executeTransactionally(
                "ALTER USER neo4j SET PASSWORD $password CHANGE NOT REQUIRED", Map.of("password", password));
        String version = system.executeTransactionally(
                "CALL dbms.components() YIELD versions, edition RETURN versions[0] + ' ' + edition AS v",
                Map.of(),
                result -> (String) result.next().get("v"));
        System.out.println("policygraph test Neo4j " + version + " ready on bolt://127.0.0.1:" + port);
        System.out.flush();
        stopped.await(); // Neo4j's threads would keep the JVM up anyway; this makes it explicit.
    }
}
