package io.calsync.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.zip.GZIPInputStream;

/** Request bodies sent with a {@code Content-Encoding} (agents gzip large item uploads). */
final class RequestBodies {
  /**
   * How much larger than {@code MAX_REQUEST_BYTES} an inflated body may be. iCalendar compresses
   * about tenfold; the cap keeps a small "gzip bomb" from filling the heap.
   */
  static final int MAX_INFLATION = 16;

  private RequestBodies() {}

  /**
   * The body as sent ({@code identity} or no encoding) or inflated ({@code gzip}).
   *
   * @param maxBytes the most the request may carry; an inflated body may be {@link #MAX_INFLATION} times that
   * @throws ApiException 413 when too large, 415 for an unknown encoding, 400 for a broken gzip stream
   */
  static byte[] decoded(byte[] raw, String contentEncoding, long maxBytes) {
    if (raw.length > maxBytes) throw tooLarge("the body is larger than MAX_REQUEST_BYTES (" + maxBytes + " bytes)");
    String encoding = contentEncoding == null ? "identity" : contentEncoding.strip().toLowerCase(Locale.ROOT);
    switch (encoding) {
      case "", "identity":
        return raw;
      case "gzip", "x-gzip":
        return inflate(raw, maxBytes * MAX_INFLATION);
      default:
        throw new ApiException(415, "Unsupported Media Type",
            "Content-Encoding '" + SyncService.abbreviate(contentEncoding) + "' is not supported: send gzip or none", null);
    }
  }

  private static byte[] inflate(byte[] raw, long maxInflated) {
    try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(raw))) {
      ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(raw.length * 4, 1024));
      byte[] buf = new byte[16_384];
      int n;
      while ((n = in.read(buf)) > 0) {
        if (out.size() + (long) n > maxInflated) {
          throw tooLarge("the gzip body inflates to more than " + maxInflated + " bytes (" + MAX_INFLATION
              + " × MAX_REQUEST_BYTES): send smaller batches");
        }
        out.write(buf, 0, n);
      }
      return out.toByteArray();
    } catch (IOException e) {
      throw ApiException.badRequest(null, "the body is not valid gzip: " + e.getMessage());
    }
  }

  private static ApiException tooLarge(String detail) {
    return new ApiException(413, "Content Too Large", detail, null);
  }
}
