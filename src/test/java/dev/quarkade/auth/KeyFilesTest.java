package dev.quarkade.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Set;

import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyFilesTest {

    @TempDir
    Path keyDir;

    @Test
    void keyIsGeneratedOnceAndReusedOnTheNextStart() throws Exception {
        KeyFiles.SigningKey first = KeyFiles.loadOrGenerate(keyDir);
        Path file = keyDir.resolve(KeyFiles.GENERATED_KEY_FILE);
        String written = Files.readString(file);

        KeyFiles.SigningKey afterRestart = KeyFiles.loadOrGenerate(keyDir);

        assertEquals(first.kid(), afterRestart.kid());
        assertEquals(written, Files.readString(file));
        // A token signed before the restart still verifies with the key loaded after it.
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload("{\"sub\":\"someone\"}");
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        jws.setKey(first.privateKey());
        String signed = jws.getCompactSerialization();
        JsonWebSignature check = new JsonWebSignature();
        check.setCompactSerialization(signed);
        check.setKey(afterRestart.publicJwk().getPublicKey());
        assertTrue(check.verifySignature());
    }

    @Test
    void generatedKeyFileIsReadableByItsOwnerOnly() throws Exception {
        KeyFiles.loadOrGenerate(keyDir);
        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(
                keyDir.resolve(KeyFiles.GENERATED_KEY_FILE));
        assertEquals(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE), permissions);
    }

    @Test
    void kidIsTheThumbprintOfThePublicKey() throws Exception {
        KeyFiles.SigningKey key = KeyFiles.loadOrGenerate(keyDir);
        assertEquals(key.publicJwk().calculateBase64urlEncodedThumbprint("SHA-256"), key.kid());
    }

    @Test
    void verifyKeysFileKeepsTheKidsItNames() throws Exception {
        KeyFiles.SigningKey retired = KeyFiles.loadOrGenerate(keyDir.resolve("old"));
        RsaJsonWebKey published = KeyFiles.publicJwk((java.security.interfaces.RSAPublicKey) retired.publicJwk()
                .getPublicKey());
        published.setKeyId("2025-key");
        Path jwks = keyDir.resolve("verify-keys.json");
        Files.writeString(jwks, new JsonWebKeySet(List.<JsonWebKey> of(published))
                .toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY));

        List<RsaJsonWebKey> keys = KeyFiles.readJwks(jwks);

        assertEquals(1, keys.size());
        assertEquals("2025-key", keys.get(0).getKeyId());
        assertEquals(retired.publicJwk().getPublicKey(), keys.get(0).getPublicKey());
    }
}
