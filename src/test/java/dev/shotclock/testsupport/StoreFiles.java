package dev.shotclock.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import org.h2.mvstore.DataUtils;

/** Damages H2 store files the ways the field does, and fingerprints them. */
public final class StoreFiles {

  /** H2 writes its store header twice, in the first two 4 KiB blocks. */
  public static final int HEADER_BLOCK = 4096;

  private StoreFiles() {}

  public static String sha256(Path file) throws IOException {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Replaces the file with random bytes of the given length (a fixed seed: the same every run). */
  public static void fillWithGarbage(Path file, int length) throws IOException {
    byte[] garbage = new byte[length];
    new Random(17).nextBytes(garbage);
    Files.createDirectories(file.getParent());
    Files.write(file, garbage);
  }

  /** Keeps the first {@code length} bytes, as a disk that filled up or a copy cut short leaves it. */
  public static void truncate(Path file, long length) throws IOException {
    byte[] all = Files.readAllBytes(file);
    Files.write(file, Arrays.copyOf(all, (int) Math.min(length, all.length)));
  }

  /**
   * Rewrites both store headers to claim another H2 file format, with a valid checksum: what a
   * file written by a newer (or older) H2 looks like to this one, without that H2 at hand.
   */
  public static void rewriteFormat(Path file, int format) throws IOException {
    byte[] all = Files.readAllBytes(file);
    for (int offset : new int[] {0, HEADER_BLOCK}) {
      String header = new String(all, offset, HEADER_BLOCK, StandardCharsets.ISO_8859_1);
      String line = header.substring(0, header.indexOf('\n'));
      String fields = line.substring(0, line.indexOf(",fletcher:")).replaceAll("format:\\d+", "format:" + format);
      byte[] bytes = fields.getBytes(StandardCharsets.ISO_8859_1);
      String rewritten = fields + ",fletcher:" + Integer.toHexString(DataUtils.getFletcher32(bytes, 0, bytes.length)) + "\n";
      Arrays.fill(all, offset, offset + HEADER_BLOCK, (byte) 0);
      byte[] out = rewritten.getBytes(StandardCharsets.ISO_8859_1);
      System.arraycopy(out, 0, all, offset, out.length);
    }
    Files.write(file, all);
  }
}
