package io.secplane.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/** The linear LIKE agrees with a reference (a regular expression) on seeded random values and patterns. */
class LikeTest {

    @Test
    void agreesWithARegularExpressionOnRandomInput() {
        long seed = Long.getLong("secplane.seed", 21L);
        Random random = new Random(seed);
        String alphabet = "ab!%_";
        for (int n = 0; n < 50_000; n++) {
            String value = random(random, "ab!%_", random.nextInt(12));
            String pattern = random(random, alphabet, random.nextInt(10));
            assertThat(Like.matches(value, pattern)).as("seed %d: '%s' LIKE '%s'", seed, value, pattern)
                    .isEqualTo(reference(value, pattern));
        }
    }

    @Test
    void theWorstPatternsEndAtOnce() {
        String value = "a".repeat(100_000);
        assertThat(Like.matches(value, "%a%a%a%a%a%a%a%a%a%a%a%a%b")).isFalse();
        assertThat(Like.matches(value, "%a%a%a%a%a%a%a%a%a%a%a%a%a")).isTrue();
        assertThat(Like.matches("50!% off_", "50!!!%%!_")).isTrue();
        assertThat(Like.matches(null, "%")).isNull();
    }

    private static String random(Random random, String alphabet, int length) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < length; i++) {
            b.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return b.toString();
    }

    private static boolean reference(String value, String pattern) {
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '!' && i + 1 < pattern.length()) {
                regex.append(Pattern.quote(String.valueOf(pattern.charAt(++i))));
            } else if (c == '%') {
                regex.append(".*");
            } else if (c == '_') {
                regex.append('.');
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL).matcher(value).matches();
    }
}
