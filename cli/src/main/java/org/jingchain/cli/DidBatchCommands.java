package org.jingchain.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.jingchain.crypto.KeyPair;
import org.jingchain.identity.Did;
import org.jingchain.identity.DidCodec;
import org.jingchain.identity.DidContract;
import org.jingchain.identity.DidOperation;
import org.jingchain.sdk.JingClient;
import org.jingchain.sdk.Transactions;
import org.jingchain.sdk.model.Receipt;
import org.jingchain.types.Bytes;
import org.jingchain.types.Call;
import org.jingchain.types.Hash;
import org.jingchain.types.Transaction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Bulk onboarding [DID-10]: residents' wallets sign their own creates ({@code jing did
 * sign-create}); a registrar submits them by the thousand ({@code jing did create-batch}).
 */
final class DidBatchCommands {
  private DidBatchCommands() {}

  @Command(
      name = "sign-create",
      description = {
        "Sign a DID create offline, as a resident's wallet does.",
        "Appends one hex line to an operations file that a registrar submits with create-batch."
      })
  static final class SignCreate implements Callable<Integer> {
    @Option(names = "--key", required = true, description = "The DID's update key file.")
    Path key;

    @Option(names = "--recovery-key", required = true, description = "The recovery key file.")
    Path recoveryKey;

    @Option(names = "--password-file", description = "File holding the keys' password.")
    Path passwordFile;

    @Option(names = "--chain-id", required = true, description = "The chain's id.")
    String chainId;

    @Option(names = "--json", description = "Print machine-readable JSON instead of text.")
    boolean json;

    @Option(names = "--append", required = true, description = "Operations file to append to.")
    Path append;

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      KeyPair update = Keys.load(key, passwordFile);
      KeyPair recovery = Keys.load(recoveryKey, passwordFile);
      DidOperation.Create op = DidCommand.createOp(chainId, update, recovery);
      byte[] bytes = DidCodec.encode(op);
      String line =
          HexFormat.of().formatHex(DidCodec.encode(new DidCodec.Signed(bytes, update.sign(bytes))));
      try {
        Files.writeString(
            append,
            line + "\n",
            StandardCharsets.UTF_8,
            StandardOpenOption.CREATE,
            StandardOpenOption.APPEND);
      } catch (IOException e) {
        throw new CliException("cannot write " + append + ": " + e.getMessage());
      }
      String did = Did.derive(op.updateKey(), op.recoveryKey(), update.suite());
      spec.commandLine()
          .getOut()
          .println(
              json
                  ? ApiOptions.JSON
                      .createObjectNode()
                      .put("did", did)
                      .put("appendedTo", append.toString())
                      .toPrettyString()
                  : "did " + did);
      return 0;
    }
  }

  @Command(
      name = "create-batch",
      description = {
        "Submit self-signed DID creates, up to 1,000 per transaction, showing progress.",
        "The operations file holds one hex line per create (from sign-create or wallets)."
            + " Batches are all-or-nothing; the lines of refused batches go to <ops>.failed with"
            + " the reason, to fix and resubmit."
      })
  static final class CreateBatch implements Callable<Integer> {
    @Mixin TxOptions tx;

    @Option(names = "--ops", required = true, description = "The operations file.")
    Path ops;

    @Option(
        names = "--batch",
        defaultValue = "1000",
        description = "Creates per transaction, 1..1000 (default ${DEFAULT-VALUE}).")
    int batch;

    @Option(
        names = "--in-flight",
        defaultValue = "4",
        description = "Transactions submitted ahead of commits (default ${DEFAULT-VALUE}).")
    int inFlight;

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    /** One submitted batch: its lines and its transaction. */
    private record Pending(int firstLine, List<String> lines, Hash hash) {}

    @Override
    public Integer call() {
      if (batch < 1 || batch > DidCodec.MAX_BATCH) {
        throw new CliException("--batch must be 1.." + DidCodec.MAX_BATCH);
      }
      if (inFlight < 1 || inFlight > 64) {
        throw new CliException("--in-flight must be 1..64");
      }
      List<String> lines = readOps(ops);
      JingClient c = tx.api.client();
      String chainId = c.status().chainId();
      KeyPair kp = tx.loadKey();
      long nonce = c.nextNonce(kp.address());
      Path failedFile = ops.resolveSibling(ops.getFileName() + ".failed");
      int created = 0;
      int failed = 0;
      ArrayDeque<Pending> pending = new ArrayDeque<>();
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      try (ProgressBar bar =
              new ProgressBarBuilder()
                  .setTaskName("DIDs")
                  .setInitialMax(lines.size())
                  .setStyle(ProgressBarStyle.ASCII)
                  .setUpdateIntervalMillis(500)
                  .showSpeed()
                  .setConsumer(
                      new DelegatingProgressBarConsumer(
                          line -> {
                            err.print("\r" + line);
                            err.flush();
                          },
                          100))
                  .build();
          BufferedWriter failures = Files.newBufferedWriter(failedFile, StandardCharsets.UTF_8)) {
        for (int i = 0; i < lines.size() || !pending.isEmpty(); ) {
          if (i < lines.size() && pending.size() < inFlight) {
            List<String> chunk = lines.subList(i, Math.min(lines.size(), i + batch));
            List<DidCodec.Signed> items = new ArrayList<>(chunk.size());
            for (String l : chunk) {
              items.add(DidCodec.decodeSigned(HexFormat.of().parseHex(l)));
            }
            Transaction t =
                Transactions.sign(
                    kp,
                    chainId,
                    nonce++,
                    System.currentTimeMillis() + tx.expiresInSeconds * 1000,
                    new Call(
                        DidContract.NAME, "createBatch", Bytes.wrap(DidCodec.encodeBatch(items))));
            pending.add(new Pending(i + 1, chunk, c.submit(t)));
            i += chunk.size();
            continue;
          }
          Pending p = pending.poll();
          Receipt r = c.waitForCommit(p.hash(), Duration.ofMinutes(2)).receipt();
          if (r.succeeded()) {
            created += p.lines().size();
          } else {
            failed += p.lines().size();
            failures.write(
                "# lines "
                    + p.firstLine()
                    + ".."
                    + (p.firstLine() + p.lines().size() - 1)
                    + ": "
                    + r.code()
                    + " "
                    + r.message()
                    + "\n");
            for (String l : p.lines()) {
              failures.write(l + "\n");
            }
          }
          bar.stepTo((long) created + failed);
        }
      } catch (IOException e) {
        throw new CliException("cannot write " + failedFile + ": " + e.getMessage());
      } finally {
        err.println();
      }
      if (failed == 0) {
        try {
          Files.deleteIfExists(failedFile);
        } catch (IOException e) {
          // an empty file left behind is harmless
        }
      }
      ObjectNode json =
          ApiOptions.JSON.createObjectNode().put("created", created).put("failed", failed);
      if (failed > 0) {
        json.put("failedFile", failedFile.toString());
      }
      tx.api.print(
          out,
          json,
          "created "
              + created
              + " DIDs"
              + (failed == 0 ? "" : "; " + failed + " refused: see " + failedFile));
      return failed == 0 ? 0 : 3;
    }

    /** Reads and checks every line before anything is sent: hex of a signed create. */
    static List<String> readOps(Path file) {
      List<String> lines = new ArrayList<>();
      int n = 0;
      try {
        for (String raw : Files.readAllLines(file, StandardCharsets.US_ASCII)) {
          n++;
          String l = raw.strip();
          if (l.isEmpty() || l.startsWith("#")) {
            continue;
          }
          try {
            var signed = DidCodec.decodeSigned(HexFormat.of().parseHex(l));
            if (!(DidCodec.decodeOperation(signed.operation()) instanceof DidOperation.Create)) {
              throw new IllegalArgumentException("not a create");
            }
          } catch (RuntimeException e) {
            throw new CliException(
                file + " line " + n + " is not a signed DID create: " + e.getMessage());
          }
          lines.add(l);
        }
      } catch (java.nio.file.NoSuchFileException e) {
        throw new CliException("no such file: " + file);
      } catch (IOException e) {
        throw new CliException("cannot read " + file + ": " + e.getMessage());
      }
      if (lines.isEmpty()) {
        throw new CliException(file + " holds no operations");
      }
      return lines;
    }
  }
}
