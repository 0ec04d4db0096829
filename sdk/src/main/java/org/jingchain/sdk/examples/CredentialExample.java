package org.jingchain.sdk.examples;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jingchain.crypto.CryptoSuite;
import org.jingchain.crypto.CryptoSuites;
import org.jingchain.crypto.KeyPair;
import org.jingchain.identity.StatusListContract;
import org.jingchain.identity.TrustRegistryContract;
import org.jingchain.light.LightClient;
import org.jingchain.sdk.ChainViews;
import org.jingchain.sdk.IdentityCalls;
import org.jingchain.sdk.JingClient;
import org.jingchain.sdk.LightClients;
import org.jingchain.sdk.Transactions;
import org.jingchain.types.Call;
import org.jingchain.types.SuiteId;
import org.jingchain.vc.CredentialSigner;
import org.jingchain.vc.CredentialVerifier;
import org.jingchain.vc.Credentials;
import org.jingchain.vc.StatusEntry;
import org.jingchain.vc.VcException;

/**
 * A university issues a degree as an SD-JWT credential, the graduate presents two of its five
 * claims, an employer verifies the presentation against the chain (trusting only the genesis
 * validators), and after the university revokes it the same presentation fails. {@code registrar}
 * is a validator's key (the trust registry's registrar until governance exists).
 */
public final class CredentialExample {
  private CredentialExample() {}

  /** What the employer saw: the disclosed claims, then the reason after revocation. */
  public record Result(Map<String, Object> disclosed, VcException.Reason afterRevocation) {}

  public static Result run(JingClient node, KeyPair registrar, Path genesis) throws Exception {
    var status = node.status();
    String chainId = status.chainId();
    CryptoSuite crypto = CryptoSuites.of(SuiteId.fromLabel(status.suite()).orElseThrow());
    // example:start
    KeyPair uniKey = crypto.generateKeyPair(new SecureRandom());
    KeyPair aliceKey = crypto.generateKeyPair(new SecureRandom());
    var uni = IdentityCalls.createDid(chainId, uniKey, crypto.generateKeyPair(new SecureRandom()));
    var alice =
        IdentityCalls.createDid(chainId, aliceKey, crypto.generateKeyPair(new SecureRandom()));
    byte[] schema =
        """
        {"type":"object","properties":{"name":{"type":"string"},"degree":{"type":"string"},
         "university":{"type":"string"},"year":{"type":"integer"},"gpa":{"type":"number"}},
         "required":["name","degree","university","year","gpa"]}"""
            .getBytes(StandardCharsets.UTF_8);
    String digest = TrustRegistryContract.schemaDigest(schema);

    // On chain: two DIDs, the schema and the trust in the university, its revocation list.
    send(node, uniKey, chainId, uni.call());
    send(node, aliceKey, chainId, alice.call());
    send(node, registrar, chainId, IdentityCalls.addSchema("https://uni.example/degree", schema));
    send(node, registrar, chainId, IdentityCalls.addIssuer(uni.did(), digest));
    var revocation = StatusListContract.Purpose.REVOCATION;
    send(
        node,
        uniKey,
        chainId,
        IdentityCalls.createStatusList(
            chainId, uni.did(), "key-1", uniKey, "r1", 131072, revocation));

    // The university issues; Alice keeps the credential.
    Map<String, Object> claims = new LinkedHashMap<>();
    claims.put("name", "Alice Zhang");
    claims.put("degree", "MSc Computer Science");
    claims.put("university", "Jing University");
    claims.put("year", 2026);
    claims.put("gpa", 3.8);
    String credential =
        Credentials.issueSdJwt(
            new Credentials.Issue(
                CredentialSigner.of(uniKey, uni.did() + "#key-1"),
                alice.did(),
                schema,
                List.of("UniversityDegreeCredential"),
                claims,
                Instant.now(),
                Instant.now().plus(Duration.ofDays(365)),
                List.of(new StatusEntry(revocation, "r1", 42))));

    // Alice presents two claims to the employer, for its nonce.
    String nonce = "7c1f09";
    String presentation =
        Credentials.presentSdJwt(
            credential,
            Set.of("degree", "year"),
            CredentialSigner.of(aliceKey, alice.did() + "#key-1"),
            "https://jobs.example",
            nonce,
            Instant.now());

    // The employer trusts the genesis validators, nothing else.
    LightClient light = LightClients.fromGenesis(genesis);
    var options =
        CredentialVerifier.Options.presentation(Instant.now(), "https://jobs.example", nonce);
    var verified =
        new CredentialVerifier(ChainViews.certified(node, light)).verify(presentation, options);
    System.out.println("accepted: " + verified.claims()); // {degree=..., year=2026}

    // The university revokes; the same presentation now fails with REVOKED.
    long version =
        StatusListContract.decodeRecord(
                node.readStateVerified(
                        StatusListContract.listKey(uni.did(), "r1"), Optional.empty())
                    .value()
                    .orElseThrow()
                    .toByteArray())
            .version();
    send(
        node,
        uniKey,
        chainId,
        IdentityCalls.setStatus(
            chainId, uni.did(), "key-1", uniKey, "r1", version, List.of(42), true));
    VcException.Reason reason = null;
    try {
      new CredentialVerifier(ChainViews.certified(node, light)).verify(presentation, options);
    } catch (VcException e) {
      reason = e.reason(); // REVOKED
    }
    // example:end
    return new Result(verified.claims(), reason);
  }

  /** Signs {@code call} with {@code key}, submits it and waits for a successful commit. */
  static void send(JingClient node, KeyPair key, String chainId, Call call) {
    var tx =
        Transactions.sign(
            key,
            chainId,
            node.nextNonce(key.address()),
            System.currentTimeMillis() + 600_000,
            call);
    var done = node.waitForCommit(node.submit(tx), Duration.ofSeconds(30));
    if (!done.receipt().succeeded()) {
      throw new IllegalStateException(
          call.contract() + "." + call.method() + ": " + done.receipt());
    }
  }
}
