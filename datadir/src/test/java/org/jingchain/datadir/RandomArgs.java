package org.jingchain.datadir;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.jingchain.datadir.DatadirCalls.Args;
import org.jingchain.types.Bytes;
import org.jingchain.types.Hash;

/**
 * Arbitrary (not necessarily valid) arguments and records from a seeded {@link Random}, for codec
 * round trips: the same seed gives the same values.
 */
final class RandomArgs {
  private static final String ALPHABET = "abcxyz019._-:/ éü中";

  private final Random random;

  RandomArgs(long seed) {
    this.random = new Random(seed);
  }

  String text() {
    int n = random.nextInt(12);
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < n; i++) {
      b.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
    }
    return b.toString();
  }

  List<String> texts() {
    int n = random.nextInt(4);
    List<String> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(text());
    }
    return out;
  }

  long u63() {
    return random.nextLong() & Long.MAX_VALUE;
  }

  int u31() {
    return random.nextInt() & Integer.MAX_VALUE;
  }

  Bytes bytes() {
    byte[] b = new byte[random.nextInt(40)];
    random.nextBytes(b);
    return Bytes.wrap(b);
  }

  <T> T pick(T[] values) {
    return values[random.nextInt(values.length)];
  }

  Digest digest() {
    return new Digest(text(), bytes());
  }

  Content content() {
    return new Content(digest(), u63(), texts(), text());
  }

  Metadata metadata() {
    return new Metadata(text(), text(), pick(Sector.values()), texts(), text(), text());
  }

  Policy policy() {
    return new Policy(pick(Policy.Kind.values()), texts());
  }

  <T> Optional<T> maybe(T value) {
    return random.nextBoolean() ? Optional.of(value) : Optional.empty();
  }

  DatadirCalls.Update update() {
    while (true) {
      Optional<Metadata> m = maybe(metadata());
      Optional<Policy> p = maybe(policy());
      Optional<List<String>> d = maybe(texts());
      Optional<List<String>> f = maybe(texts());
      if (m.isPresent() || p.isPresent() || d.isPresent() || f.isPresent()) {
        return new DatadirCalls.Update(text(), m, p, d, f);
      }
    }
  }

  /** Arguments of {@code method}. */
  Args args(String method) {
    return switch (method) {
      case DatadirCalls.REGISTER ->
          new DatadirCalls.Register(
              text(), text(), metadata(), policy(), texts(), texts(), content());
      case DatadirCalls.UPDATE -> update();
      case DatadirCalls.NEW_VERSION -> new DatadirCalls.NewVersion(text(), content());
      case DatadirCalls.RETIRE -> new DatadirCalls.Retire(text(), text());
      case DatadirCalls.REQUEST -> new DatadirCalls.Request(text(), text(), text(), text(), u63());
      case DatadirCalls.GRANT -> new DatadirCalls.GrantAccess(text(), u63(), u63(), text());
      case DatadirCalls.REFUSE -> new DatadirCalls.Refuse(text(), u63(), text());
      case DatadirCalls.REVOKE -> new DatadirCalls.Revoke(text(), u63());
      case DatadirCalls.CONSENT ->
          new DatadirCalls.Consent(text(), text(), text(), text(), text(), u63());
      case DatadirCalls.RECORD_ACCESS ->
          new DatadirCalls.RecordAccess(text(), text(), u63(), text(), u31(), text());
      case DatadirCalls.OFFER_TRANSFER -> new DatadirCalls.OfferTransfer(text(), text());
      case DatadirCalls.ACCEPT_TRANSFER -> new DatadirCalls.AcceptTransfer(text(), text());
      default -> throw new IllegalArgumentException(method);
    };
  }

  DataAsset asset() {
    return new DataAsset(
        text(),
        text(),
        metadata(),
        policy(),
        texts(),
        texts(),
        u31(),
        pick(DataAsset.Status.values()),
        text(),
        u63(),
        u63(),
        u63(),
        u63());
  }

  AccessRequest request(long id) {
    return new AccessRequest(
        id,
        text(),
        text(),
        text(),
        text(),
        u63(),
        u63(),
        u63(),
        pick(AccessRequest.Status.values()),
        u63(),
        text(),
        text(),
        u63());
  }

  Grant grant(long id) {
    return new Grant(
        id,
        pick(Grant.Kind.values()),
        text(),
        text(),
        text(),
        text(),
        text(),
        u63(),
        u63(),
        u63(),
        u63(),
        random.nextBoolean(),
        text(),
        u63(),
        u63());
  }

  AuditEntry audit(long seq) {
    byte[] h = new byte[Hash.LENGTH];
    random.nextBytes(h);
    return new AuditEntry(
        seq,
        pick(AuditEntry.Type.values()),
        text(),
        text(),
        text(),
        u63(),
        u63(),
        u31(),
        text(),
        u63(),
        u63(),
        Hash.wrap(h));
  }

  AccessRecord access(String asset, String id) {
    return new AccessRecord(asset, id, text(), u63(), u31(), text(), u63(), u63());
  }

  /** {@code in} with one random change: a byte flipped, removed, inserted, or the tail cut. */
  byte[] mutate(byte[] in) {
    byte[] b = in.clone();
    int kind = random.nextInt(4);
    if (b.length == 0 || kind == 2) {
      byte[] out = new byte[b.length + 1];
      int at = random.nextInt(b.length + 1);
      System.arraycopy(b, 0, out, 0, at);
      out[at] = (byte) random.nextInt(256);
      System.arraycopy(b, at, out, at + 1, b.length - at);
      return out;
    }
    int at = random.nextInt(b.length);
    return switch (kind) {
      case 0 -> {
        b[at] ^= (byte) (1 + random.nextInt(255));
        yield b;
      }
      case 1 -> {
        byte[] out = new byte[b.length - 1];
        System.arraycopy(b, 0, out, 0, at);
        System.arraycopy(b, at + 1, out, at, b.length - at - 1);
        yield out;
      }
      default -> Arrays.copyOf(b, at);
    };
  }
}
