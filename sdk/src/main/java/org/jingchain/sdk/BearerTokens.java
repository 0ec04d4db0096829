package org.jingchain.sdk;

import java.time.Duration;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.jingchain.crypto.ApiToken;
import org.jingchain.crypto.KeyPair;

/**
 * Bearer tokens for a node's API from an account key (docs/spec/api-access.md [ACC-3]): the key
 * signs its chain id and a short lifetime, and nodes check the signature and the account's roles on
 * chain; nothing secret is shared with a node.
 */
public final class BearerTokens {
  private BearerTokens() {}

  /** The lifetime {@link #of(KeyPair, String)} gives its tokens. */
  public static final Duration DEFAULT_LIFETIME = Duration.ofMinutes(10);

  /**
   * One token for {@code key}'s account on {@code chainId}, valid from now for {@code lifetime}.
   */
  public static String mint(KeyPair key, String chainId, Duration lifetime) {
    return ApiToken.mint(key, chainId, System.currentTimeMillis(), lifetime).text();
  }

  /**
   * Tokens for {@code key}'s account on {@code chainId} that renew themselves: each lives {@link
   * #DEFAULT_LIFETIME}, and a new one is made once a fifth of its life is left. For {@link
   * JingClient#withToken} or {@link JingClient#useToken}.
   */
  public static Supplier<String> of(KeyPair key, String chainId) {
    return of(key, chainId, DEFAULT_LIFETIME, System::currentTimeMillis);
  }

  /**
   * As {@link #of(KeyPair, String)} for the chain of the node {@code plain} reaches, asked at the
   * first request (its status is public); none when {@code key} is of another suite than the
   * chain's, so that the call itself says what is wrong rather than a refused token.
   */
  public static Supplier<String> of(KeyPair key, JingClient plain) {
    return of(() -> key, plain);
  }

  /**
   * As {@link #of(KeyPair, JingClient)} with the key read only after the node answered: a node that
   * cannot be reached is reported before a key's password is asked for or found wrong.
   */
  public static Supplier<String> of(Supplier<KeyPair> key, JingClient plain) {
    return new Supplier<>() {
      private Supplier<String> tokens;

      @Override
      public synchronized String get() {
        if (tokens == null) {
          var status = plain.status();
          KeyPair k = key.get();
          tokens =
              k.publicKey().suite().label().equals(status.suite())
                  ? of(k, status.chainId())
                  : () -> null;
        }
        return tokens.get();
      }
    };
  }

  static Supplier<String> of(KeyPair key, String chainId, Duration lifetime, LongSupplier clock) {
    return new Supplier<>() {
      private ApiToken current;

      @Override
      public synchronized String get() {
        long now = clock.getAsLong();
        if (current == null || current.expiresAtMillis() - now < lifetime.toMillis() / 5) {
          current = ApiToken.mint(key, chainId, now, lifetime);
        }
        return current.text();
      }
    };
  }
}
