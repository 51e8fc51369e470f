package dev.quarkade.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/**
 * The Kubernetes manifests the Quarkus Kubernetes extension generates at package time (target/kubernetes): a
 * StatefulSet governed by a headless Service, each pod's public URL derived from its own name, and a route per pod.
 */
class KubernetesManifestsIT {

    private static final Path MANIFESTS = Path.of("target", "kubernetes", "kubernetes.yml");

    @Test
    void statefulSetPodsEachGetTheirOwnPublicUrlAndRoute() throws Exception {
        String yaml = Files.readString(MANIFESTS);
        String statefulSet = yaml.substring(yaml.indexOf("kind: StatefulSet"));
        statefulSet = statefulSet.substring(0, statefulSet.indexOf("\n---"));
        assertThat(statefulSet).contains("serviceName: quarkade").contains("replicas: 2")
                .contains("fieldPath: metadata.name")
                .contains("value: wss://$(POD_NAME).play.example.com")
                .contains("value: redis://redis:6379")
                .contains("secretName: quarkade-keys");
        // Kubernetes expands $(POD_NAME) only from variables defined earlier in the list.
        assertThat(statefulSet.indexOf("name: POD_NAME"))
                .isLessThan(statefulSet.indexOf("name: QUARKADE_CLUSTER_PUBLIC_URL"))
                .isLessThan(statefulSet.indexOf("name: QUARKADE_CLUSTER_INTERNAL_URL"));
        String governing = yaml.substring(yaml.indexOf("  name: quarkade\nspec:"));
        assertThat(governing.substring(0, governing.indexOf("\n---"))).contains("clusterIP: None")
                .contains("targetPort: 8080");
        assertThat(yaml).contains("statefulset.kubernetes.io/pod-name: quarkade-1")
                .contains("host: quarkade-0.play.example.com").contains("host: quarkade-1.play.example.com")
                .contains("host: play.example.com");
    }
}
