package dev.quarkade.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Validates docker-compose.yml with the real docker-compose tool. No container engine runs on CI machines, so the
 * file is checked with {@code docker-compose config}, which parses, validates and resolves it without one.
 */
class DockerComposeFileTest {

    private static String resolved;

    @BeforeAll
    static void resolveComposeFile() throws Exception {
        Process p = new ProcessBuilder("docker-compose", "-f", "docker-compose.yml", "config").redirectErrorStream(true)
                .start();
        resolved = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("docker-compose config says:%n%s", resolved).isZero();
    }

    @Test
    void appGetsTheDatasourceSettingsOfTheComposeDatabase() {
        assertThat(resolved)
                .contains("QUARKUS_DATASOURCE_REACTIVE_URL: postgresql://db:5432/quarkade")
                .contains("QUARKUS_DATASOURCE_JDBC_URL: jdbc:postgresql://db:5432/quarkade")
                .contains("QUARKUS_DATASOURCE_USERNAME: quarkade")
                .contains("QUARKUS_DATASOURCE_PASSWORD:");
    }

    @Test
    void appWaitsForAHealthyPostgres16WithAPersistentVolume() {
        assertThat(resolved)
                .contains("image: postgres:16")
                .contains("condition: service_healthy")
                .contains("pg_isready")
                .contains("pgdata:/var/lib/postgresql/data");
    }

    @Test
    void appServesHttpsOnTheMountedCertificateAndRedirectsPlainHttp() {
        assertThat(resolved)
                .contains("QUARKUS_TLS_KEY_STORE_PEM_MAIN_CERT: /certs/tls.crt")
                .contains("QUARKUS_TLS_KEY_STORE_PEM_MAIN_KEY: /certs/tls.key")
                .contains("QUARKUS_HTTP_INSECURE_REQUESTS: redirect")
                // docker-compose v1 prints short volume syntax, v2 the long one
                .containsPattern("/certs:/certs:ro|target: /certs")
                .containsPattern("published: \"?8443");
    }

    @Test
    void clusterProfileRunsRedisAndTwoNodesEachWithItsOwnPublicUrl() {
        assertThat(resolved)
                .contains("image: redis:7")
                .containsPattern("profiles:\\s+- cluster")
                .contains("QUARKUS_REDIS_HOSTS: redis://redis:6379")
                .contains("QUARKADE_CLUSTER_PUBLIC_URL: wss://localhost:8444")
                .contains("QUARKADE_CLUSTER_PUBLIC_URL: wss://localhost:8445")
                .contains("QUARKADE_CLUSTER_INTERNAL_URL: http://node-1:8080")
                .contains("QUARKADE_CLUSTER_INTERNAL_URL: http://node-2:8080")
                .containsPattern("published: \"?8444")
                .containsPattern("published: \"?8445");
        // Both nodes share the database and the signing key: a token from one is good on the other.
        String node2 = resolved.substring(resolved.indexOf("  node-2:"));
        assertThat(node2).contains("QUARKADE_JWT_SIGN_KEY_LOCATION: /secrets/jwt-private.pem")
                .contains("QUARKUS_DATASOURCE_REACTIVE_URL: postgresql://db:5432/quarkade");
    }

    @Test
    void appIsBuiltFromTheJvmDockerfileByDefault() {
        assertThat(resolved).contains("dockerfile: src/main/docker/Dockerfile.jvm");
    }
}
