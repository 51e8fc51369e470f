package dev.quarkade.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/**
 * The Kubernetes manifests the Quarkus Kubernetes extension generates at package time (target/kubernetes): a
 * StatefulSet governed by a headless Service, each pod's public URL derived from its own name, and a route per pod.
 */
class KubernetesManifestsIT {

    private static final Path MANIFESTS = Path.of("target", "kubernetes", "kubernetes.yml");
    private static final Pattern PLAIN_ENV = Pattern.compile("- name: (\\w+)\\n\\s+value: \"?([^\"\\n]*)\"?\\n");

    @Test
    void statefulSetPodsEachGetTheirOwnPublicUrlAndRoute() throws Exception {
        String yaml = Files.readString(MANIFESTS);
        String statefulSet = statefulSet(yaml);
        assertThat(statefulSet).contains("serviceName: quarkade").contains("replicas: 2")
                .contains("name: POD_NAME").contains("fieldPath: metadata.name")
                .contains("value: redis://redis:6379")
                .contains("secretName: quarkade-keys");
        String governing = yaml.substring(yaml.indexOf("  name: quarkade\nspec:"));
        assertThat(governing.substring(0, governing.indexOf("\n---"))).contains("clusterIP: None")
                .contains("targetPort: 8080");
        // The probes ask the management interface, the only place production serves /q/* (issue 18.16).
        assertThat(statefulSet).containsPattern("path: /q/health/ready\\s+port: 9000")
                .containsPattern("path: /q/health/live\\s+port: 9000");
        assertThat(yaml).containsPattern("kind: ServiceMonitor[\\s\\S]*targetPort: 9000\\s+path: /q/metrics");
        assertThat(yaml).contains("statefulset.kubernetes.io/pod-name: quarkade-1")
                .contains("host: quarkade-0.play.example.com").contains("host: quarkade-1.play.example.com")
                .contains("host: play.example.com");
    }

    /**
     * The extension does not keep the order of env entries, so Kubernetes' own $(POD_NAME) (which only sees entries
     * listed earlier) cannot be relied on: the URLs carry ${POD_NAME}, which the application's configuration expands
     * when the pod starts, whatever the order. Checked with the container's env as the manifest declares it.
     */
    @Test
    void eachPodExpandsItsOwnUrlsFromItsNameWhateverTheOrderOfEnvEntries() throws Exception {
        Map<String, String> env = new HashMap<>();
        Matcher entry = PLAIN_ENV.matcher(statefulSet(Files.readString(MANIFESTS)));
        while (entry.find()) {
            env.put(entry.group(1), entry.group(2));
        }
        assertThat(env).doesNotContainKey("POD_NAME").containsEntry("QUARKADE_CLUSTER_PUBLIC_URL",
                "wss://${POD_NAME}.play.example.com");
        env.put("POD_NAME", "quarkade-1"); // what the downward API gives the second pod

        SmallRyeConfig config = new SmallRyeConfigBuilder().addDefaultInterceptors()
                .withSources(new EnvConfigSource(env, 300)).build();
        assertThat(config.getValue("quarkade.cluster.public-url", String.class))
                .isEqualTo("wss://quarkade-1.play.example.com");
        assertThat(config.getValue("quarkade.cluster.internal-url", String.class)).isEqualTo("http://quarkade-1");
    }

    /** The StatefulSet's document in the generated manifests. */
    private static String statefulSet(String yaml) {
        String rest = yaml.substring(yaml.indexOf("kind: StatefulSet"));
        return rest.substring(0, rest.indexOf("\n---"));
    }
}
