package dev.quarkade.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAKeyGenParameterSpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.lang.JoseException;

/** Reads, writes and generates the RSA key files behind token signing; plain Java so it is unit-tested alone. */
public final class KeyFiles {

    /** File name of the generated key inside the key directory. */
    public static final String GENERATED_KEY_FILE = "signing-key.pem";
    static final String ALGORITHM = "RS256";
    private static final int KEY_BITS = 2048;
    private static final String PEM_BEGIN = "-----BEGIN PRIVATE KEY-----";
    private static final String PEM_END = "-----END PRIVATE KEY-----";

    private KeyFiles() {
    }

    /** A private key and its public half as a JWK whose kid is the RFC 7638 thumbprint. */
    public record SigningKey(PrivateKey privateKey, RsaJsonWebKey publicJwk) {

        public String kid() {
            return publicJwk.getKeyId();
        }
    }

    /** Loads the key in {@code dir}, generating it first (once) when the directory has none. */
    public static SigningKey loadOrGenerate(Path dir) {
        Path file = dir.resolve(GENERATED_KEY_FILE);
        if (!Files.exists(file)) {
            generate(dir, file);
        }
        return readPrivateKey(file);
    }

    /** Reads a PEM PKCS#8 RSA private key, such as {@code openssl genpkey -algorithm RSA} writes. */
    public static SigningKey readPrivateKey(Path file) {
        try {
            String pem = Files.readString(file, StandardCharsets.US_ASCII);
            int begin = pem.indexOf(PEM_BEGIN);
            int end = pem.indexOf(PEM_END);
            if (begin < 0 || end < begin) {
                throw new IllegalStateException(file + " is not a PEM PKCS#8 private key (" + PEM_BEGIN + ")");
            }
            String body = pem.substring(begin + PEM_BEGIN.length(), end).replaceAll("\\s", "");
            KeyFactory rsa = KeyFactory.getInstance("RSA");
            PrivateKey key = rsa.generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(body)));
            if (!(key instanceof RSAPrivateCrtKey crt)) {
                throw new IllegalStateException(file + " must hold an RSA key with CRT parameters");
            }
            // The CRT form carries the public exponent, so the public key needs no second file.
            RSAPublicKey publicKey = (RSAPublicKey) rsa.generatePublic(
                    new RSAPublicKeySpec(crt.getModulus(), crt.getPublicExponent()));
            return new SigningKey(key, publicJwk(publicKey));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read signing key " + file, e);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("Cannot parse signing key " + file, e);
        }
    }

    /** Reads the public keys of a JWKS file; keys without a kid get their thumbprint. */
    public static List<RsaJsonWebKey> readJwks(Path file) {
        try {
            List<RsaJsonWebKey> keys = new ArrayList<>();
            for (JsonWebKey key : new JsonWebKeySet(Files.readString(file)).getJsonWebKeys()) {
                if (key instanceof RsaJsonWebKey rsa) {
                    keys.add(publicJwk(rsa.getRsaPublicKey()));
                    if (rsa.getKeyId() != null) {
                        keys.get(keys.size() - 1).setKeyId(rsa.getKeyId());
                    }
                }
            }
            return keys;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read verification keys " + file, e);
        } catch (JoseException e) {
            throw new IllegalStateException(file + " is not a JWKS document", e);
        }
    }

    /** The public JWK for a key, with use, alg and a thumbprint kid. */
    public static RsaJsonWebKey publicJwk(RSAPublicKey publicKey) {
        try {
            RsaJsonWebKey jwk = (RsaJsonWebKey) PublicJsonWebKey.Factory.newPublicJwk(publicKey);
            jwk.setUse("sig");
            jwk.setAlgorithm(ALGORITHM);
            jwk.setKeyId(jwk.calculateBase64urlEncodedThumbprint("SHA-256"));
            return jwk;
        } catch (JoseException e) {
            throw new IllegalStateException("Cannot describe public key", e);
        }
    }

    private static void generate(Path dir, Path file) {
        try {
            Files.createDirectories(dir);
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(new RSAKeyGenParameterSpec(KEY_BITS, RSAKeyGenParameterSpec.F4));
            KeyPair pair = generator.generateKeyPair();
            String pem = PEM_BEGIN + "\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                            .encodeToString(pair.getPrivate().getEncoded())
                    + "\n" + PEM_END + "\n";
            Path temp = Files.createTempFile(dir, "signing-key", ".tmp");
            ownerOnly(temp);
            Files.writeString(temp, pem, StandardCharsets.US_ASCII, StandardOpenOption.TRUNCATE_EXISTING);
            try {
                // Without REPLACE_EXISTING: of two processes starting at once on one key dir, the second keeps the
                // first one's key instead of overwriting it.
                Files.move(temp, file);
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (FileAlreadyExistsException e) {
            // Another process won the race; its key is used.
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write a signing key into " + dir, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot generate an RSA key", e);
        }
    }

    private static void ownerOnly(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system (Windows): the directory's own ACLs apply.
        }
    }
}
