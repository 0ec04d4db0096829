package org.jingchain.crypto;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/**
 * Ed25519 verification by libsodium (Debian's {@code libsodium23}) through Java's foreign function
 * API: {@code crypto_sign_ed25519_verify_detached}, called on the Java arrays themselves (a
 * critical downcall: no copies); about 1.5 times BouncyCastle's speed per core with a cached key
 * (docs/performance.md).
 *
 * <p>Both check the cofactorless equation with a canonical S; libsodium also refuses small-order
 * and non-canonical keys and small-order R, but it does not check that a key lies in the
 * prime-order subgroup, which BouncyCastle's key validation does. So {@link VerifyBackends} takes
 * libsodium's yes only for a key BouncyCastle accepts, and asks BouncyCastle about whatever
 * libsodium refuses: a node's answer is BouncyCastle's on every input (consensus must not depend on
 * a node's backend), and {@code VerifyBackendsTest} checks the two agree, mixed-order keys
 * included.
 */
final class LibsodiumEd25519 {
  /** Library file names tried in order. */
  static final String[] NAMES = {"libsodium.so.23", "libsodium.so", "libsodium.dylib"};

  private final MethodHandle verify;
  private final String version;

  private LibsodiumEd25519(MethodHandle verify, String version) {
    this.verify = verify;
    this.version = version;
  }

  /** The loaded library, or an exception whose message says why it could not be used. */
  static LibsodiumEd25519 load() {
    Linker linker = Linker.nativeLinker();
    SymbolLookup lib = null;
    StringBuilder why = new StringBuilder();
    for (String name : NAMES) {
      try {
        lib = SymbolLookup.libraryLookup(name, Arena.global());
        break;
      } catch (IllegalArgumentException e) {
        why.append(why.isEmpty() ? "" : ", ").append(name).append(" not found");
      } catch (IllegalCallerException e) {
        throw new IllegalStateException(
            "native access is disabled: start the JVM with --enable-native-access=ALL-UNNAMED");
      }
    }
    if (lib == null) {
      throw new IllegalStateException(why + " (install it: apt-get install libsodium23)");
    }
    try {
      MethodHandle init =
          linker.downcallHandle(
              lib.find("sodium_init").orElseThrow(), FunctionDescriptor.of(ValueLayout.JAVA_INT));
      if ((int) init.invokeExact() < 0) {
        throw new IllegalStateException("sodium_init failed");
      }
      MethodHandle versionString =
          linker.downcallHandle(
              lib.find("sodium_version_string").orElseThrow(),
              FunctionDescriptor.of(ValueLayout.ADDRESS));
      MemorySegment v = (MemorySegment) versionString.invokeExact();
      MethodHandle verify =
          linker.downcallHandle(
              lib.find("crypto_sign_ed25519_verify_detached").orElseThrow(),
              FunctionDescriptor.of(
                  ValueLayout.JAVA_INT,
                  ValueLayout.ADDRESS,
                  ValueLayout.ADDRESS,
                  ValueLayout.JAVA_LONG,
                  ValueLayout.ADDRESS),
              Linker.Option.critical(true));
      return new LibsodiumEd25519(verify, v.reinterpret(64).getString(0));
    } catch (IllegalStateException e) {
      throw e;
    } catch (Throwable e) {
      throw new IllegalStateException("libsodium is unusable: " + e, e);
    }
  }

  String version() {
    return version;
  }

  /** True when {@code signature} (64 bytes) verifies under the 32-byte {@code key}. */
  boolean verify(byte[] key, byte[] message, byte[] signature) {
    if (key.length != 32 || signature.length != 64) {
      return false;
    }
    try {
      int rc =
          (int)
              verify.invokeExact(
                  MemorySegment.ofArray(signature),
                  MemorySegment.ofArray(message),
                  (long) message.length,
                  MemorySegment.ofArray(key));
      return rc == 0;
    } catch (Throwable e) {
      return false; // never trust an input the library could not check
    }
  }
}
