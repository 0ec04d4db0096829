package org.jingchain.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import org.jingchain.crypto.KeyPair;
import org.jingchain.sdk.JingClient;
import org.jingchain.sdk.Transactions;
import org.jingchain.types.Call;
import org.jingchain.types.Hash;
import org.jingchain.types.Transaction;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Options and logic shared by commands that sign and submit a transaction. */
final class TxOptions {
  @Mixin ApiOptions api;

  @Option(names = "--key", required = true, description = "Sender's key file.")
  Path key;

  @Option(
      names = "--password-file",
      description = "File holding the key's password (else env JING_KEY_PASSWORD or a prompt).")
  Path passwordFile;

  @Option(
      names = "--no-wait",
      description = "Return once the node accepted the transaction, without waiting for its block.")
  boolean noWait;

  @Option(
      names = "--expires-in",
      defaultValue = "600",
      description = "Seconds until the transaction expires (default ${DEFAULT-VALUE}).")
  long expiresInSeconds;

  KeyPair loadKey() {
    return Keys.load(key, passwordFile);
  }

  /**
   * Signs {@code call} with the key, submits it, waits for its receipt and prints it; returns the
   * exit code.
   */
  int send(Call call, PrintWriter out) {
    JingClient c = api.client();
    JsonNode status = c.status();
    KeyPair kp = loadKey();
    String suite = status.get("suite").asText();
    if (!kp.publicKey().suite().label().equals(suite)) {
      throw new CliException(
          "key " + key + " is a " + kp.publicKey().suite() + " key but the chain uses " + suite);
    }
    long nonce = c.nextNonce(kp.address());
    Transaction tx =
        Transactions.sign(
            kp,
            status.get("chainId").asText(),
            nonce,
            System.currentTimeMillis() + expiresInSeconds * 1000,
            call);
    Hash hash = c.submit(tx);
    if (noWait) {
      api.print(
          out,
          ApiOptions.JSON.createObjectNode().put("hash", hash.toHex()).put("status", "pending"),
          "submitted " + hash);
      return 0;
    }
    JsonNode t = c.waitForCommit(hash, Duration.ofSeconds(60));
    JsonNode r = t.get("receipt");
    boolean ok = r.get("status").asText().equals("success");
    api.print(out, t, describe(t));
    return ok ? 0 : 3;
  }

  static String describe(JsonNode t) {
    JsonNode r = t.get("receipt");
    StringBuilder sb = new StringBuilder();
    sb.append("tx ").append(t.get("hash").asText()).append('\n');
    sb.append("block ")
        .append(t.get("height").asLong())
        .append(" (")
        .append(t.get("blockHash").asText())
        .append(")\n");
    if (r.get("status").asText().equals("success")) {
      sb.append("status success");
    } else {
      sb.append("status FAILED ")
          .append(r.get("code").asText())
          .append(": ")
          .append(r.get("message").asText());
    }
    for (JsonNode e : r.get("events")) {
      sb.append("\nevent ")
          .append(e.get("contract").asText())
          .append('.')
          .append(e.get("type").asText());
      e.get("attributes")
          .properties()
          .forEach(
              a -> sb.append(' ').append(a.getKey()).append('=').append(a.getValue().asText()));
    }
    return sb.toString();
  }
}
