package dev.quarkade.auth;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.jwx.JsonWebStructure;
import org.jose4j.keys.resolvers.JwksVerificationKeyResolver;
import org.junit.jupiter.api.Test;

import dev.quarkade.testsupport.Accounts;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class JwksTest {

    @Test
    void jwksPublishesThePublicSigningKeyWithKid() {
        List<Map<String, Object>> keys = given().get("/.well-known/jwks.json").then().statusCode(200)
                .extract().jsonPath().getList("keys");
        assertFalse(keys.isEmpty());
        Map<String, Object> key = keys.get(0);
        assertEquals("RSA", key.get("kty"));
        assertEquals("RS256", key.get("alg"));
        assertEquals("sig", key.get("use"));
        assertNotNull(key.get("kid"));
        for (String privatePart : List.of("d", "p", "q", "dp", "dq", "qi")) {
            assertFalse(key.containsKey(privatePart), "JWKS leaks " + privatePart);
        }
    }

    @Test
    void anotherServiceCanVerifyOurAccessTokenWithTheJwksAlone() throws Exception {
        Accounts.Tokens guest = Accounts.guest();
        String jwks = given().get("/.well-known/jwks.json").then().statusCode(200).extract().asString();
        JwtClaims claims = new JwtConsumerBuilder()
                .setVerificationKeyResolver(new JwksVerificationKeyResolver(new JsonWebKeySet(jwks).getJsonWebKeys()))
                .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT,
                        AlgorithmIdentifiers.RSA_USING_SHA256)
                .setExpectedIssuer("https://quarkade.local")
                .setExpectedAudience("quarkade")
                .build().processToClaims(guest.accessToken());
        assertEquals(guest.playerId().toString(), claims.getSubject());
        assertEquals(guest.name(), claims.getStringClaimValue("name"));
        assertNotNull(claims.getStringClaimValue("sid"));
        assertNotNull(claims.getJwtId());
        assertEquals(900, claims.getExpirationTime().getValue() - claims.getIssuedAt().getValue());
    }

    @Test
    void tokensCarryTheKidOfTheKeyGeneratedIntoTheKeyDir() throws Exception {
        Accounts.Tokens guest = Accounts.guest();
        String kid = JsonWebStructure.fromCompactSerialization(guest.accessToken()).getKeyIdHeaderValue();
        KeyFiles.SigningKey onDisk = KeyFiles.readPrivateKey(Path.of("target/test-keys", KeyFiles.GENERATED_KEY_FILE));
        assertEquals(onDisk.kid(), kid);
        assertEquals("RS256", JsonWebStructure.fromCompactSerialization(guest.accessToken()).getAlgorithmHeaderValue());
    }
}
