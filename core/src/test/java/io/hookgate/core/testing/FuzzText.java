package io.hookgate.core.testing;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;

import java.nio.charset.StandardCharsets;

/** Text for fuzz targets that build values from a {@link FuzzedDataProvider}. */
public final class FuzzText {

    private FuzzText() {
    }

    /**
     * A string of at most {@code maxLength} characters that survives UTF-8 (a lone surrogate becomes
     * {@code ?}, as encoding it would make it): hookgate's records carry text as UTF-8.
     */
    public static String utf8(final FuzzedDataProvider data, final int maxLength) {
        final String text = data.consumeString(maxLength);
        return new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
    }

    /** Like {@link #utf8}, never empty: {@code prefix} comes first. */
    public static String nonEmpty(final FuzzedDataProvider data, final String prefix, final int maxLength) {
        return prefix + utf8(data, maxLength);
    }

    /** A string of at most {@code maxLength} ISO-8859-1 characters, as HTTP header values are received. */
    public static String latin1(final FuzzedDataProvider data, final int maxLength) {
        return new String(data.consumeBytes(maxLength), StandardCharsets.ISO_8859_1);
    }
}
