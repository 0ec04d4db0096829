package org.jingchain.sdk.datadir;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jingchain.codec.DecodeException;
import org.jingchain.datadir.AccessDecision;
import org.jingchain.datadir.AssetVersion;
import org.jingchain.datadir.Datadir;
import org.jingchain.datadir.DatadirCalls;
import org.jingchain.datadir.DatadirErrors;
import org.jingchain.execution.StateReader;

/**
 * Decides one request for an asset, steps 2–9 of docs/spec/datadir-access.md: the token, the grant
 * at one certified height, the file, the recording on chain. Knows nothing of HTTP; {@link
 * DataServer} turns its outcome into an answer.
 */
final class AccessGate {
  /** What to answer. */
  sealed interface Outcome permits Refused, Granted {}

  /**
   * An error answer; {@code requester} and {@code accessId} are empty until the token verified,
   * {@code note} says more for the server's log (never sent: it may name the node or a path).
   */
  record Refused(Refusal refusal, String requester, String accessId, String note)
      implements Outcome {
    Refused(Refusal refusal, String requester, String accessId) {
      this(refusal, requester, accessId, "");
    }
  }

  /**
   * Serve {@code channel} (opened before the recording, positioned at 0): {@code version} of the
   * asset, to {@code access}'s requester, recorded by {@code recorded}.
   */
  record Granted(
      FileChannel channel,
      long size,
      AssetVersion version,
      VerifiedAccess access,
      AccessRecorder.Recorded recorded)
      implements Outcome {}

  /** What the gate checks against: who the server is and how strict it is about tokens. */
  record Settings(String serverId, String chainId, String actorDid, DataServer.Limits limits) {}

  private static final Refusal UNAVAILABLE =
      new Refusal(
          503,
          Refusal.CHAIN_UNAVAILABLE,
          "the chain cannot be reached or its answer does not verify; try again later");

  private final Settings settings;
  private final AssetFiles files;
  private final CertifiedReads chain;
  private final AccessRecorder recorder;
  private final Clock clock;
  private final FileContent content = new FileContent();

  AccessGate(
      Settings settings,
      AssetFiles files,
      CertifiedReads chain,
      AccessRecorder recorder,
      Clock clock) {
    this.settings = settings;
    this.files = files;
    this.chain = chain;
    this.recorder = recorder;
    this.clock = clock;
  }

  /** The outcome of {@code GET /assets/{assetId}} with these {@code Authorization} headers. */
  Outcome admit(String assetId, List<String> authorization) {
    Optional<String> token = bearer(authorization);
    if (token.isEmpty()) {
      return refused(401, Refusal.MISSING_TOKEN, "send Authorization: Bearer <access token>");
    }
    ChainSnapshot snapshot;
    try {
      snapshot = chain.snapshot().memoized();
    } catch (ChainUnavailableException e) {
      return new Refused(UNAVAILABLE, "", "", e.code() + " " + e.getMessage());
    }
    VerifiedAccess access;
    try {
      access =
          AccessTokens.verify(
              token.get(),
              snapshot.view(),
              new AccessTokens.Options(
                  settings.serverId(),
                  settings.chainId(),
                  clock.instant(),
                  settings.limits().maxSkew(),
                  settings.limits().maxTokenLifetime()));
    } catch (AccessTokenException e) {
      Refusal r = Refusal.of(e);
      return r.status() == 503
          ? new Refused(UNAVAILABLE, "", "", e.getMessage())
          : new Refused(r, "", "");
    }
    if (!access.asset().equals(assetId)) {
      return refused(
          access, 403, Refusal.TOKEN_WRONG_ASSET, "the token is for asset " + access.asset());
    }
    if (!files.mapped().containsKey(assetId) && !files.stored().containsKey(assetId)) {
      return refused(access, 404, Refusal.NOT_MAPPED, "this server holds no file for " + assetId);
    }
    try {
      return onChain(assetId, access, snapshot);
    } catch (ChainSnapshot.ReadFailed e) {
      return new Refused(UNAVAILABLE, access.requester(), access.jti(), e.getMessage());
    } catch (DecodeException e) {
      return new Refused(
          UNAVAILABLE,
          access.requester(),
          access.jti(),
          "a chain record does not decode: " + e.getMessage());
    }
  }

  /** Steps 6–9: the grant, the latest version, the access id, the file, the recording. */
  private Outcome onChain(String assetId, VerifiedAccess access, ChainSnapshot snapshot) {
    StateReader state = snapshot.state();
    long now = Math.max(clock.millis(), snapshot.timeMillis());
    AccessDecision d = Datadir.decide(state, assetId, access.requester(), access.grant(), now);
    if (!d.allowed()) {
      return new Refused(Refusal.ofChain(d.code(), d.reason()), access.requester(), access.jti());
    }
    Optional<AssetVersion> latest = Datadir.latest(state, assetId);
    if (latest.isEmpty()) {
      return new Refused(
          UNAVAILABLE, access.requester(), access.jti(), assetId + " has no version on chain");
    }
    if (Datadir.access(state, assetId, access.jti()).isPresent()) {
      return new Refused(
          Refusal.ofChain(
              DatadirErrors.EXISTS,
              "access " + access.jti() + " was recorded already: a token serves once"),
          access.requester(),
          access.jti());
    }
    AssetVersion version = latest.get();
    FileChannel channel;
    try {
      Path file = files.file(assetId).orElseThrow();
      Optional<String> mismatch = content.mismatch(file, version.content());
      if (mismatch.isPresent()) {
        return refused(access, 500, Refusal.CONTENT_MISMATCH, mismatch.get());
      }
      channel = FileChannel.open(file, StandardOpenOption.READ);
    } catch (IOException e) {
      return new Refused(
          new Refusal(500, Refusal.FILE_UNAVAILABLE, "the file of " + assetId + " cannot be read"),
          access.requester(),
          access.jti(),
          e.toString());
    }
    return record(assetId, access, version, channel);
  }

  private Outcome record(
      String assetId, VerifiedAccess access, AssetVersion version, FileChannel channel) {
    try {
      AccessRecorder.Recorded recorded =
          recorder.record(
              new DatadirCalls.RecordAccess(
                  settings.actorDid(),
                  assetId,
                  access.grant(),
                  access.requester(),
                  version.number(),
                  access.jti()));
      return new Granted(channel, channel.size(), version, access, recorded);
    } catch (RecordingException e) {
      close(channel);
      return switch (e.kind()) {
        case REFUSED ->
            new Refused(
                Refusal.ofChain(e.code(), e.getMessage()), access.requester(), access.jti());
        case UNAVAILABLE ->
            new Refused(
                UNAVAILABLE, access.requester(), access.jti(), e.code() + " " + e.getMessage());
      };
    } catch (IOException e) {
      close(channel);
      return new Refused(
          new Refusal(500, Refusal.FILE_UNAVAILABLE, "the file of " + assetId + " cannot be read"),
          access.requester(),
          access.jti(),
          e.toString());
    }
  }

  /** The token of exactly one {@code Authorization: Bearer <token>} header. */
  static Optional<String> bearer(List<String> authorization) {
    if (authorization == null || authorization.size() != 1) {
      return Optional.empty();
    }
    String v = authorization.getFirst().strip();
    if (v.length() < 7 || !v.substring(0, 7).toLowerCase(Locale.ROOT).equals("bearer ")) {
      return Optional.empty();
    }
    String token = v.substring(7).strip();
    return token.isEmpty() ? Optional.empty() : Optional.of(token);
  }

  private static Refused refused(int status, String code, String message) {
    return new Refused(new Refusal(status, code, message), "", "");
  }

  private static Refused refused(VerifiedAccess a, int status, String code, String message) {
    return new Refused(new Refusal(status, code, message), a.requester(), a.jti());
  }

  private static void close(FileChannel channel) {
    try {
      channel.close();
    } catch (IOException e) {
      // nothing was sent from it; closing a read-only channel has nothing to lose
    }
  }
}
