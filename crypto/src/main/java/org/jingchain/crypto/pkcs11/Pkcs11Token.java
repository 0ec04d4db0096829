package org.jingchain.crypto.pkcs11;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jingchain.types.Bytes;
import org.jingchain.types.PublicKey;
import org.jingchain.types.SuiteId;

/**
 * An Ed25519 key in a PKCS#11 token (docs/spec/governance.md, section 5): generated in the token,
 * used from it, never extracted. Java's SunPKCS11 has no EdDSA, so this binds the module's {@code
 * C_*} functions directly through the foreign-function API ({@code CKM_EDDSA}, PKCS#11 v3.0;
 * SoftHSM2 ≥ 2.6 has it). Linux x86-64 / aarch64 layouts: {@code CK_ULONG} is 8 bytes. One session
 * per token object; calls are serialised.
 */
public final class Pkcs11Token implements AutoCloseable {
  // PKCS#11 constants (pkcs11t.h)
  static final long CKR_OK = 0;
  static final long CKR_USER_ALREADY_LOGGED_IN = 0x100;
  static final long CKR_CRYPTOKI_ALREADY_INITIALIZED = 0x191;
  static final long CKF_RW_SESSION = 2;
  static final long CKF_SERIAL_SESSION = 4;
  static final long CKF_OS_LOCKING_OK = 2;
  static final long CKU_USER = 1;
  static final long CKO_PUBLIC_KEY = 2;
  static final long CKO_PRIVATE_KEY = 3;
  static final long CKK_EC_EDWARDS = 0x40;
  static final long CKA_CLASS = 0x0;
  static final long CKA_TOKEN = 0x1;
  static final long CKA_PRIVATE = 0x2;
  static final long CKA_LABEL = 0x3;
  static final long CKA_KEY_TYPE = 0x100;
  static final long CKA_ID = 0x102;
  static final long CKA_SENSITIVE = 0x103;
  static final long CKA_SIGN = 0x108;
  static final long CKA_VERIFY = 0x10A;
  static final long CKA_EXTRACTABLE = 0x162;
  static final long CKA_EC_PARAMS = 0x180;
  static final long CKA_EC_POINT = 0x181;
  static final long CKM_EC_EDWARDS_KEY_PAIR_GEN = 0x1055;
  static final long CKM_EDDSA = 0x1057;

  /** DER of the OID id-Ed25519 (1.3.101.112), the curve's CKA_EC_PARAMS. */
  static final byte[] ED25519_OID = {0x06, 0x03, 0x2B, 0x65, 0x70};

  private static final Map<Long, String> ERRORS =
      Map.ofEntries(
          Map.entry(0x3L, "CKR_SLOT_ID_INVALID"),
          Map.entry(0x5L, "CKR_GENERAL_ERROR"),
          Map.entry(0x6L, "CKR_FUNCTION_FAILED"),
          Map.entry(0x7L, "CKR_ARGUMENTS_BAD"),
          Map.entry(0x12L, "CKR_ATTRIBUTE_TYPE_INVALID"),
          Map.entry(0x13L, "CKR_ATTRIBUTE_VALUE_INVALID"),
          Map.entry(0x60L, "CKR_KEY_HANDLE_INVALID"),
          Map.entry(0x70L, "CKR_MECHANISM_INVALID"),
          Map.entry(0xA0L, "CKR_PIN_INCORRECT"),
          Map.entry(0xA4L, "CKR_PIN_LOCKED"),
          Map.entry(0xB3L, "CKR_SESSION_HANDLE_INVALID"),
          Map.entry(0xE0L, "CKR_TOKEN_NOT_PRESENT"),
          Map.entry(0x101L, "CKR_USER_NOT_LOGGED_IN"),
          Map.entry(0x150L, "CKR_BUFFER_TOO_SMALL"),
          Map.entry(0x190L, "CKR_CRYPTOKI_NOT_INITIALIZED"));

  private final Arena arena;
  private final Functions f;
  private final long session;
  private final String label;
  private boolean closed;

  /** An Ed25519 key pair in the token: the private key's handle and the public key. */
  public record Key(String label, long privateHandle, PublicKey publicKey) {}

  private Pkcs11Token(Arena arena, Functions f, long session, String label) {
    this.arena = arena;
    this.f = f;
    this.session = session;
    this.label = label;
  }

  /**
   * Opens the token labelled {@code tokenLabel} in the PKCS#11 module {@code library} and logs in
   * as its user.
   *
   * @throws Pkcs11Exception when the module cannot be loaded, the token is missing, or the PIN is
   *     wrong (with the CKR_ code)
   */
  @SuppressWarnings("MustBeClosedChecker") // the arena lives as long as the token: close() ends it
  public static Pkcs11Token open(Path library, String tokenLabel, char[] pin)
      throws Pkcs11Exception {
    if (!Files.isRegularFile(library)) {
      throw new Pkcs11Exception(
          "no PKCS#11 module at " + library + " (SoftHSM2: apt-get install softhsm2)", -1);
    }
    Arena arena = Arena.ofShared();
    try {
      Functions f = new Functions(SymbolLookup.libraryLookup(library, arena));
      MemorySegment args = arena.allocate(48);
      args.set(JAVA_LONG, 32, CKF_OS_LOCKING_OK);
      long rv = (long) f.initialize.invokeExact(args);
      if (rv != CKR_OK && rv != CKR_CRYPTOKI_ALREADY_INITIALIZED) {
        throw fail("C_Initialize", rv);
      }
      long slot = findSlot(f, arena, tokenLabel);
      MemorySegment hSession = arena.allocate(JAVA_LONG);
      check(
          "C_OpenSession",
          (long)
              f.openSession.invokeExact(
                  slot,
                  CKF_SERIAL_SESSION | CKF_RW_SESSION,
                  MemorySegment.NULL,
                  MemorySegment.NULL,
                  hSession));
      long session = hSession.get(JAVA_LONG, 0);
      byte[] pinBytes = new String(pin).getBytes(StandardCharsets.UTF_8);
      MemorySegment pinSeg = arena.allocate(Math.max(1, pinBytes.length));
      MemorySegment.copy(pinBytes, 0, pinSeg, JAVA_BYTE, 0, pinBytes.length);
      Arrays.fill(pinBytes, (byte) 0);
      long login = (long) f.login.invokeExact(session, CKU_USER, pinSeg, (long) pinBytes.length);
      pinSeg.fill((byte) 0);
      if (login != CKR_OK && login != CKR_USER_ALREADY_LOGGED_IN) {
        long ignored = (long) f.closeSession.invokeExact(session);
        throw fail("C_Login to token '" + tokenLabel + "'", login);
      }
      return new Pkcs11Token(arena, f, session, tokenLabel);
    } catch (Pkcs11Exception e) {
      arena.close();
      throw e;
    } catch (Throwable t) {
      arena.close();
      throw new Pkcs11Exception("PKCS#11 module " + library + ": " + t.getMessage(), -1);
    }
  }

  private static long findSlot(Functions f, Arena arena, String tokenLabel) throws Throwable {
    MemorySegment count = arena.allocate(JAVA_LONG);
    check("C_GetSlotList", (long) f.getSlotList.invokeExact((byte) 1, MemorySegment.NULL, count));
    long n = count.get(JAVA_LONG, 0);
    MemorySegment slots = arena.allocate(JAVA_LONG, Math.max(1, n));
    check("C_GetSlotList", (long) f.getSlotList.invokeExact((byte) 1, slots, count));
    List<String> labels = new ArrayList<>();
    for (long i = 0; i < count.get(JAVA_LONG, 0); i++) {
      long slot = slots.getAtIndex(JAVA_LONG, i);
      MemorySegment info = arena.allocate(512);
      check("C_GetTokenInfo", (long) f.getTokenInfo.invokeExact(slot, info));
      byte[] raw = info.asSlice(0, 32).toArray(JAVA_BYTE);
      String l = new String(raw, StandardCharsets.UTF_8).stripTrailing();
      if (l.equals(tokenLabel)) {
        return slot;
      }
      labels.add(l);
    }
    throw new Pkcs11Exception(
        "no token labelled '" + tokenLabel + "' (tokens present: " + labels + ")", -1);
  }

  /** Generates an Ed25519 key pair in the token, its private key unextractable. */
  public synchronized Key generateEd25519(String keyLabel) throws Pkcs11Exception {
    requireOpen();
    if (find(keyLabel).isPresent()) {
      throw new Pkcs11Exception(
          "token '" + label + "' already holds a key labelled '" + keyLabel + "'", -1);
    }
    try (Arena a = Arena.ofConfined()) {
      byte[] id = keyLabel.getBytes(StandardCharsets.UTF_8);
      MemorySegment pub =
          template(
              a,
              attr(CKA_TOKEN, new byte[] {1}),
              attr(CKA_VERIFY, new byte[] {1}),
              attr(CKA_LABEL, id),
              attr(CKA_ID, id),
              attr(CKA_EC_PARAMS, ED25519_OID));
      MemorySegment priv =
          template(
              a,
              attr(CKA_TOKEN, new byte[] {1}),
              attr(CKA_PRIVATE, new byte[] {1}),
              attr(CKA_SIGN, new byte[] {1}),
              attr(CKA_SENSITIVE, new byte[] {1}),
              attr(CKA_EXTRACTABLE, new byte[] {0}),
              attr(CKA_LABEL, id),
              attr(CKA_ID, id));
      MemorySegment mech = mechanism(a, CKM_EC_EDWARDS_KEY_PAIR_GEN);
      MemorySegment hPub = a.allocate(JAVA_LONG);
      MemorySegment hPriv = a.allocate(JAVA_LONG);
      check(
          "C_GenerateKeyPair",
          (long) f.generateKeyPair.invokeExact(session, mech, pub, 5L, priv, 7L, hPub, hPriv));
      return new Key(keyLabel, hPriv.get(JAVA_LONG, 0), publicKey(a, hPub.get(JAVA_LONG, 0)));
    } catch (Pkcs11Exception e) {
      throw e;
    } catch (Throwable t) {
      throw new Pkcs11Exception("C_GenerateKeyPair: " + t.getMessage(), -1);
    }
  }

  /** The Ed25519 key pair labelled {@code keyLabel}, if the token holds one. */
  public synchronized Optional<Key> find(String keyLabel) throws Pkcs11Exception {
    requireOpen();
    try (Arena a = Arena.ofConfined()) {
      Optional<Long> priv = findObject(a, CKO_PRIVATE_KEY, keyLabel);
      Optional<Long> pub = findObject(a, CKO_PUBLIC_KEY, keyLabel);
      if (priv.isEmpty() || pub.isEmpty()) {
        return Optional.empty();
      }
      return Optional.of(new Key(keyLabel, priv.get(), publicKey(a, pub.get())));
    } catch (Pkcs11Exception e) {
      throw e;
    } catch (Throwable t) {
      throw new Pkcs11Exception("finding key '" + keyLabel + "': " + t.getMessage(), -1);
    }
  }

  /** Signs {@code message} with the key (pure Ed25519, CKM_EDDSA); 64 bytes. */
  public synchronized byte[] sign(Key key, byte[] message) throws Pkcs11Exception {
    requireOpen();
    try (Arena a = Arena.ofConfined()) {
      MemorySegment mech = mechanism(a, CKM_EDDSA);
      check("C_SignInit", (long) f.signInit.invokeExact(session, mech, key.privateHandle()));
      MemorySegment data = a.allocate(Math.max(1, message.length));
      MemorySegment.copy(message, 0, data, JAVA_BYTE, 0, message.length);
      MemorySegment sig = a.allocate(64);
      MemorySegment sigLen = a.allocate(JAVA_LONG);
      sigLen.set(JAVA_LONG, 0, 64);
      check("C_Sign", (long) f.sign.invokeExact(session, data, (long) message.length, sig, sigLen));
      return sig.asSlice(0, sigLen.get(JAVA_LONG, 0)).toArray(JAVA_BYTE);
    } catch (Pkcs11Exception e) {
      throw e;
    } catch (Throwable t) {
      throw new Pkcs11Exception("C_Sign: " + t.getMessage(), -1);
    }
  }

  private Optional<Long> findObject(Arena a, long cls, String keyLabel) throws Throwable {
    byte[] clsBytes = ulong(cls);
    MemorySegment t =
        template(
            a,
            attr(CKA_CLASS, clsBytes),
            attr(CKA_LABEL, keyLabel.getBytes(StandardCharsets.UTF_8)));
    check("C_FindObjectsInit", (long) f.findObjectsInit.invokeExact(session, t, 2L));
    try {
      MemorySegment handles = a.allocate(JAVA_LONG, 2);
      MemorySegment n = a.allocate(JAVA_LONG);
      check("C_FindObjects", (long) f.findObjects.invokeExact(session, handles, 2L, n));
      long found = n.get(JAVA_LONG, 0);
      if (found > 1) {
        throw new Pkcs11Exception(
            "two keys labelled '" + keyLabel + "' in token '" + label + "'", -1);
      }
      return found == 0 ? Optional.empty() : Optional.of(handles.get(JAVA_LONG, 0));
    } finally {
      long ignored = (long) f.findObjectsFinal.invokeExact(session);
    }
  }

  private PublicKey publicKey(Arena a, long handle) throws Throwable {
    MemorySegment value = a.allocate(64);
    MemorySegment attr = a.allocate(24);
    attr.set(JAVA_LONG, 0, CKA_EC_POINT);
    attr.set(ADDRESS, 8, value);
    attr.set(JAVA_LONG, 16, 64);
    check("C_GetAttributeValue", (long) f.getAttributeValue.invokeExact(session, handle, attr, 1L));
    byte[] point = value.asSlice(0, attr.get(JAVA_LONG, 16)).toArray(JAVA_BYTE);
    // DER OCTET STRING (04 20 <32 bytes>) per PKCS#11 v3.0, or the raw 32 bytes.
    if (point.length == 34 && point[0] == 0x04 && point[1] == 0x20) {
      point = Arrays.copyOfRange(point, 2, 34);
    }
    if (point.length != 32) {
      throw new Pkcs11Exception("CKA_EC_POINT is not an Ed25519 public key", -1);
    }
    return new PublicKey(SuiteId.INTL, Bytes.wrap(point));
  }

  /** Logs out and closes the session. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      long ignoredLogout = (long) f.logout.invokeExact(session);
      long ignoredClose = (long) f.closeSession.invokeExact(session);
    } catch (Throwable t) {
      // closing is best effort; the token cleans up when the process ends
    } finally {
      arena.close();
    }
  }

  @Override
  public String toString() {
    return "Pkcs11Token[" + label + "]";
  }

  private void requireOpen() throws Pkcs11Exception {
    if (closed) {
      throw new Pkcs11Exception("token '" + label + "' is closed", -1);
    }
  }

  // ---- marshalling

  private record Attr(long type, byte[] value) {}

  private static Attr attr(long type, byte[] value) {
    return new Attr(type, value);
  }

  private static byte[] ulong(long v) {
    return java.nio.ByteBuffer.allocate(8)
        .order(java.nio.ByteOrder.nativeOrder())
        .putLong(v)
        .array();
  }

  /** A CK_ATTRIBUTE array: {CK_ULONG type; void* pValue; CK_ULONG ulValueLen} x n. */
  private static MemorySegment template(Arena a, Attr... attrs) {
    MemorySegment t = a.allocate(24L * attrs.length, 8);
    for (int i = 0; i < attrs.length; i++) {
      MemorySegment v = a.allocate(Math.max(1, attrs[i].value().length));
      MemorySegment.copy(attrs[i].value(), 0, v, JAVA_BYTE, 0, attrs[i].value().length);
      t.set(JAVA_LONG, 24L * i, attrs[i].type());
      t.set(ADDRESS, 24L * i + 8, v);
      t.set(JAVA_LONG, 24L * i + 16, attrs[i].value().length);
    }
    return t;
  }

  /** A CK_MECHANISM without parameters. */
  private static MemorySegment mechanism(Arena a, long type) {
    MemorySegment m = a.allocate(24, 8);
    m.set(JAVA_LONG, 0, type);
    m.set(ADDRESS, 8, MemorySegment.NULL);
    m.set(JAVA_LONG, 16, 0);
    return m;
  }

  private static void check(String function, long rv) throws Pkcs11Exception {
    if (rv != CKR_OK) {
      throw fail(function, rv);
    }
  }

  private static Pkcs11Exception fail(String function, long rv) {
    return new Pkcs11Exception(
        function + " failed: " + ERRORS.getOrDefault(rv, "CKR 0x" + Long.toHexString(rv)), rv);
  }

  /** The module's functions, looked up by their exported names. */
  private static final class Functions {
    final MethodHandle initialize;
    final MethodHandle getSlotList;
    final MethodHandle getTokenInfo;
    final MethodHandle openSession;
    final MethodHandle closeSession;
    final MethodHandle login;
    final MethodHandle logout;
    final MethodHandle generateKeyPair;
    final MethodHandle findObjectsInit;
    final MethodHandle findObjects;
    final MethodHandle findObjectsFinal;
    final MethodHandle getAttributeValue;
    final MethodHandle signInit;
    final MethodHandle sign;

    Functions(SymbolLookup lib) throws Pkcs11Exception {
      initialize = handle(lib, "C_Initialize", ADDRESS);
      getSlotList = handle(lib, "C_GetSlotList", JAVA_BYTE, ADDRESS, ADDRESS);
      getTokenInfo = handle(lib, "C_GetTokenInfo", JAVA_LONG, ADDRESS);
      openSession = handle(lib, "C_OpenSession", JAVA_LONG, JAVA_LONG, ADDRESS, ADDRESS, ADDRESS);
      closeSession = handle(lib, "C_CloseSession", JAVA_LONG);
      login = handle(lib, "C_Login", JAVA_LONG, JAVA_LONG, ADDRESS, JAVA_LONG);
      logout = handle(lib, "C_Logout", JAVA_LONG);
      generateKeyPair =
          handle(
              lib,
              "C_GenerateKeyPair",
              JAVA_LONG,
              ADDRESS,
              ADDRESS,
              JAVA_LONG,
              ADDRESS,
              JAVA_LONG,
              ADDRESS,
              ADDRESS);
      findObjectsInit = handle(lib, "C_FindObjectsInit", JAVA_LONG, ADDRESS, JAVA_LONG);
      findObjects = handle(lib, "C_FindObjects", JAVA_LONG, ADDRESS, JAVA_LONG, ADDRESS);
      findObjectsFinal = handle(lib, "C_FindObjectsFinal", JAVA_LONG);
      getAttributeValue =
          handle(lib, "C_GetAttributeValue", JAVA_LONG, JAVA_LONG, ADDRESS, JAVA_LONG);
      signInit = handle(lib, "C_SignInit", JAVA_LONG, ADDRESS, JAVA_LONG);
      sign = handle(lib, "C_Sign", JAVA_LONG, ADDRESS, JAVA_LONG, ADDRESS, ADDRESS);
    }

    private static MethodHandle handle(
        SymbolLookup lib, String name, java.lang.foreign.MemoryLayout... args)
        throws Pkcs11Exception {
      MemorySegment fn =
          lib.find(name)
              .orElseThrow(() -> new Pkcs11Exception("the module does not export " + name, -1));
      return Linker.nativeLinker().downcallHandle(fn, FunctionDescriptor.of(JAVA_LONG, args));
    }
  }
}
