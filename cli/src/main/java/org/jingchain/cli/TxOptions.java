package org.jingchain.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import org.jingchain.crypto.KeyPair;
import org.jingchain.sdk.BearerTokens;
import org.jingchain.sdk.JingClient;
import org.jingchain.sdk.Transactions;
import org.jingchain.sdk.model.NodeStatus;
import org.jingchain.sdk.model.Receipt;
import org.jingchain.sdk.model.TxStatus;
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

  @Option(
      names = "--wait-seconds",
      defaultValue = "60",
      description =
          "How long to wait for the transaction's block (default ${DEFAULT-VALUE}); a slow block"
              + " is explained on stderr (no quorum: 2 of 4 validators reachable) and the"
              + " transaction stays in the mempool until it expires.")
  long waitSeconds;

  @picocli.CommandLine.Spec(picocli.CommandLine.Spec.Target.MIXEE)
  picocli.CommandLine.Model.CommandSpec mixee;

  private KeyPair loaded;

  /** The sender's key, read (and its password asked for) once per command. */
  synchronized KeyPair loadKey() {
    if (loaded == null) {
      loaded = Keys.load(key, passwordFile);
    }
    return loaded;
  }

  /**
   * Bearer tokens the sender's key makes, for reads on a chain whose read rules are for members
   * (docs/security.md): the chain id is asked of {@code plain}, and then the key read, at the first
   * request, so an unreachable node is reported before a wrong password.
   */
  java.util.function.Supplier<String> signersTokens(JingClient plain) {
    return BearerTokens.of(this::loadKey, plain);
  }

  /**
   * Signs {@code call} with the key, submits it, waits for its receipt and prints it; returns the
   * exit code.
   */
  int send(Call call, PrintWriter out) {
    return send(call, out, java.util.Map.of());
  }

  /**
   * As {@link #send(Call, PrintWriter)}, with {@code extra} fields added to the JSON answer (what
   * the transaction made, such as a new DID, for scripts that read {@code --json}).
   */
  int send(Call call, PrintWriter out, java.util.Map<String, String> extra) {
    return send(call, out, extra, t -> java.util.Optional.empty());
  }

  /**
   * As {@link #send(Call, PrintWriter, java.util.Map)}; {@code undone} tells, of a transaction that
   * succeeded, whether what it asked for did not happen (a passed proposal whose execution failed):
   * then the command says so and exits 3, as for a failed transaction.
   */
  int send(
      Call call,
      PrintWriter out,
      java.util.Map<String, String> extra,
      java.util.function.Function<TxStatus, java.util.Optional<String>> undone) {
    return send(call, out, extra, undone, n -> java.util.Map.of());
  }

  /**
   * As {@link #send(Call, PrintWriter)}, with fields that follow from the nonce the transaction
   * carries (the address a deployment creates): added to the JSON answer, and printed as {@code
   * name value} lines after a successful receipt.
   */
  int send(
      Call call,
      PrintWriter out,
      java.util.function.LongFunction<java.util.Map<String, String>> byNonce) {
    return send(call, out, java.util.Map.of(), t -> java.util.Optional.empty(), byNonce);
  }

  private int send(
      Call call,
      PrintWriter out,
      java.util.Map<String, String> given,
      java.util.function.Function<TxStatus, java.util.Optional<String>> undone,
      java.util.function.LongFunction<java.util.Map<String, String>> byNonce) {
    checkWait();
    JingClient c = api.client();
    NodeStatus status = c.status();
    KeyPair kp = loadKey();
    String suite = status.suite();
    if (!kp.publicKey().suite().label().equals(suite)) {
      throw new CliException(
          "key " + key + " is a " + kp.publicKey().suite() + " key but the chain uses " + suite);
    }
    long nonce = c.nextNonce(kp.address());
    java.util.Map<String, String> derived = byNonce.apply(nonce);
    java.util.Map<String, String> extra = new java.util.LinkedHashMap<>(given);
    extra.putAll(derived);
    Transaction tx =
        Transactions.sign(
            kp,
            status.chainId(),
            nonce,
            System.currentTimeMillis() + expiresInSeconds * 1000,
            call);
    Hash hash = c.submit(tx);
    if (noWait) {
      var pending =
          ApiOptions.JSON.createObjectNode().put("hash", hash.toHex()).put("status", "pending");
      extra.forEach(pending::put);
      api.print(out, pending, "submitted " + hash);
      return 0;
    }
    TxStatus t = awaitCommit(c, hash);
    java.util.Optional<String> notDone =
        t.receipt().succeeded() ? undone.apply(t) : java.util.Optional.empty();
    boolean ok = t.receipt().succeeded() && notDone.isEmpty();
    Object answer = t;
    if (!extra.isEmpty()) {
      com.fasterxml.jackson.databind.node.ObjectNode n = ApiOptions.JSON.valueToTree(t);
      extra.forEach(n::put);
      answer = n;
    }
    StringBuilder human = new StringBuilder(describe(t, eventText));
    if (!t.receipt().succeeded()) {
      failureText.apply(t.receipt().message()).ifPresent(m -> human.append('\n').append(m));
    }
    if (t.receipt().succeeded()) {
      derived.forEach((k, v) -> human.append('\n').append(k).append(' ').append(v));
    }
    api.print(out, answer, human + notDone.map(m -> "\n" + m).orElse(""));
    return ok ? 0 : 3;
  }

  /** Prints a committed transaction's receipt as {@link #send} does; the exit code. */
  int print(TxStatus t, PrintWriter out) {
    StringBuilder human = new StringBuilder(describe(t, eventText));
    if (!t.receipt().succeeded()) {
      failureText.apply(t.receipt().message()).ifPresent(m -> human.append('\n').append(m));
    }
    api.print(out, t, human.toString());
    return t.receipt().succeeded() ? 0 : 3;
  }

  /**
   * Signs {@code call} with {@code kp}, submits it and waits for its block, printing nothing; a
   * refusal is returned in the status for the caller to word.
   */
  TxStatus sendQuietly(KeyPair kp, Call call) {
    checkWait();
    JingClient c = api.client();
    NodeStatus status = c.status();
    if (!kp.publicKey().suite().label().equals(status.suite())) {
      throw new CliException(
          "key "
              + key
              + " is a "
              + kp.publicKey().suite()
              + " key but the chain uses "
              + status.suite());
    }
    Transaction tx =
        Transactions.sign(
            kp,
            status.chainId(),
            c.nextNonce(kp.address()),
            System.currentTimeMillis() + expiresInSeconds * 1000,
            call);
    return awaitCommit(c, c.submit(tx));
  }

  /**
   * Waits up to {@code --wait-seconds} for {@code hash}'s block. When it has not come within a few
   * seconds, says why on stderr once — with no quorum reachable, "no quorum: 2 of 4 validators
   * reachable from this node (3 needed)" — and at the end fails with that reason.
   */
  TxStatus awaitCommit(JingClient c, Hash hash) {
    long deadline = System.nanoTime() + Duration.ofSeconds(waitSeconds).toNanos();
    String why = null;
    while (true) {
      long left = deadline - System.nanoTime();
      try {
        return c.waitForCommit(
            hash,
            Duration.ofNanos(Math.max(0, why == null ? Math.min(left, 3_000_000_000L) : left)));
      } catch (org.jingchain.sdk.JingApiException e) {
        if (!"TIMEOUT".equals(e.code())) {
          throw e;
        }
      }
      if (why == null) {
        why = slowBlock(c);
        if (mixee != null && mixee.commandLine() != null) {
          mixee.commandLine().getErr().println("waiting for the block: " + why);
        }
      }
      if (System.nanoTime() >= deadline) {
        throw new CliException(
            "transaction "
                + hash
                + " not committed within "
                + waitSeconds
                + " s: "
                + why
                + "; it stays in the mempool until it expires (--expires-in)");
      }
    }
  }

  /** Refuses a --wait-seconds below 1 before anything is signed. */
  void checkWait() {
    if (waitSeconds < 1) {
      throw new CliException("--wait-seconds must be at least 1 (--no-wait does not wait)");
    }
  }

  /** Why a block is late, as far as the node can tell. */
  static String slowBlock(JingClient c) {
    NodeStatus s = c.status();
    int n = s.consensus().validators().size();
    int reachable = s.consensus().peers() + (s.consensus().self() >= 0 ? 1 : 0);
    int quorum = n - (n - 1) / 3;
    if (reachable < quorum) {
      return "no quorum: "
          + reachable
          + " of "
          + n
          + " validators reachable from this node ("
          + quorum
          + " needed)";
    }
    return reachable
        + " of "
        + n
        + " validators reachable, consensus at round "
        + s.consensus().round()
        + ", "
        + s.mempool().txs()
        + " transactions waiting";
  }

  /** A committed transaction's block, status and events, as the commands print them. */
  /**
   * Renders an event more readably than its raw attributes (a contract log decoded by its ABI);
   * empty keeps the raw form. Set by commands that know how; the JSON answer stays raw.
   */
  java.util.function.Function<org.jingchain.sdk.model.Event, java.util.Optional<String>> eventText =
      e -> java.util.Optional.empty();

  /** Explains a failed receipt's message better (a contract's custom error by its ABI). */
  java.util.function.Function<String, java.util.Optional<String>> failureText =
      m -> java.util.Optional.empty();

  static String describe(TxStatus t) {
    return describe(t, e -> java.util.Optional.empty());
  }

  static String describe(
      TxStatus t,
      java.util.function.Function<org.jingchain.sdk.model.Event, java.util.Optional<String>>
          eventText) {
    Receipt r = t.receipt();
    StringBuilder sb = new StringBuilder();
    sb.append("tx ").append(t.hash()).append('\n');
    sb.append("block ").append(t.height()).append(" (").append(t.blockHash()).append(")\n");
    if (r.succeeded()) {
      sb.append("status success");
    } else {
      sb.append("status FAILED ").append(r.code()).append(": ").append(r.message());
    }
    for (var e : r.events()) {
      sb.append("\nevent ").append(e.contract()).append('.').append(e.type());
      java.util.Optional<String> text = eventText.apply(e);
      if (text.isPresent()) {
        sb.append(' ').append(text.get());
      } else {
        e.attributes().forEach((k, v) -> sb.append(' ').append(k).append('=').append(v));
      }
    }
    return sb.toString();
  }
}
