package dev.quarkade.testsupport;

import java.nio.charset.StandardCharsets;
import java.security.Key;
import java.util.Base64;
import java.util.function.Consumer;

import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.keys.HmacKey;
import org.jose4j.lang.JoseException;

import dev.quarkade.auth.SigningKeys;

/** Test helper: builds the tokens an attacker would try, starting from a genuine token's claims. */
public final class Forgery {

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private final SigningKeys keys;

    public Forgery(SigningKeys keys) {
        this.keys = keys;
    }

    /** The claims of a genuine token, readable without verifying it. */
    public static JwtClaims claimsOf(String jwt) {
        try {
            return JwtClaims.parse(new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]),
                    StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** A token signed with our real key and kid, with the genuine claims edited. */
    public String signedByUs(String genuine, Consumer<JwtClaims> edit) {
        JwtClaims claims = claimsOf(genuine);
        edit.accept(claims);
        return sign(claims, AlgorithmIdentifiers.RSA_USING_SHA256, keys.signing().privateKey());
    }

    public String algNone(String genuine) {
        return B64.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + genuine.split("\\.")[1] + ".";
    }

    /** The classic confusion attack: HMAC keyed with our public key, which anyone can read from the JWKS. */
    public String hs256WithOurPublicKey(String genuine) {
        String pem = "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(keys.signing().publicJwk().getPublicKey().getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
        return sign(claimsOf(genuine), AlgorithmIdentifiers.HMAC_SHA256,
                new HmacKey(pem.getBytes(StandardCharsets.US_ASCII)));
    }

    public String payloadChanged(String genuine, Consumer<JwtClaims> edit) {
        String[] parts = genuine.split("\\.");
        JwtClaims claims = claimsOf(genuine);
        edit.accept(claims);
        return parts[0] + "." + B64.encodeToString(claims.toJson().getBytes(StandardCharsets.UTF_8)) + "."
                + parts[2];
    }

    public String signatureStripped(String genuine) {
        String[] parts = genuine.split("\\.");
        return parts[0] + "." + parts[1] + ".";
    }

    public String foreignKeyWithOurKid(String genuine) {
        try {
            return sign(claimsOf(genuine), AlgorithmIdentifiers.RSA_USING_SHA256,
                    RsaJwkGenerator.generateJwk(2048).getPrivateKey());
        } catch (JoseException e) {
            throw new AssertionError(e);
        }
    }

    public static void expired(JwtClaims claims) {
        long now = NumericDate.now().getValue();
        claims.setIssuedAt(NumericDate.fromSeconds(now - 1200));
        claims.setExpirationTime(NumericDate.fromSeconds(now - 600));
    }

    public static void notYetValid(JwtClaims claims) {
        claims.setNotBefore(NumericDate.fromSeconds(NumericDate.now().getValue() + 600));
    }

    private String sign(JwtClaims claims, String algorithm, Key key) {
        try {
            JsonWebSignature jws = new JsonWebSignature();
            jws.setPayload(claims.toJson());
            jws.setAlgorithmHeaderValue(algorithm);
            jws.setKeyIdHeaderValue(keys.signing().kid());
            jws.setKey(key);
            jws.setDoKeyValidation(false);
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new AssertionError(e);
        }
    }
}
