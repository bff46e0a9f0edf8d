package io.secplane.objects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.net.InetAddress;
import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * The address parser and normaliser, by examples and by seeded random properties: every address
 * round-trips through its canonical text, the JDK reads the same address from it, and containment
 * and overlap agree with a brute-force model.
 */
class NetworkValueTest {

    private static final long SEED = Long.getLong("secplane.property.seed", System.nanoTime());

    @Test
    void examples() {
        assertThat(NetworkValue.parse("10.0.0.1").literal()).isEqualTo("10.0.0.1");
        assertThat(NetworkValue.parse("10.0.0.0/24").kind()).isEqualTo(NetworkValue.Kind.NETWORK);
        assertThatThrownBy(() -> NetworkValue.parse("10.0.0.1/24")).hasMessageContaining("the network is 10.0.0.0/24");
        assertThat(NetworkValue.parse("2001:0DB8:0000:0000:0000:0000:0000:0001").literal()).isEqualTo("2001:db8::1");
        assertThat(NetworkValue.parse("2001:db8:0:0:1:0:0:1").literal()).isEqualTo("2001:db8::1:0:0:1");
        assertThat(NetworkValue.parse("0:0:0:0:0:0:0:0").literal()).isEqualTo("::");
        assertThat(NetworkValue.parse("::ffff:192.0.2.1").literal()).isEqualTo("::ffff:192.0.2.1");
        assertThat(NetworkValue.parse("2001:db8:0:1:1:1:1:1").literal()).isEqualTo("2001:db8:0:1:1:1:1:1");
        assertThat(NetworkValue.parse("2001:DB8::/32").literal()).isEqualTo("2001:db8::/32");
        assertThat(NetworkValue.parse("10.0.0.1 - 10.0.0.9").literal()).isEqualTo("10.0.0.1-10.0.0.9");
    }

    @Test
    void refusals() {
        for (String bad : new String[] {"10.0.0.256", "10.0.0", "010.0.0.1", "1::2::3", "1:2:3:4:5:6:7:8:9", "fe80::1%eth0",
                "10.0.0.0/33", "::/129", "10.0.0.9-10.0.0.1", "10.0.0.1-::1", "-bad.example.com", "localhost", "a..b", "host.123",
                "x".repeat(64) + ".com", "10.0.0.0/abc"}) {
            assertThatThrownBy(() -> NetworkValue.parse(bad)).as(bad).isInstanceOf(NetworkValue.Invalid.class);
        }
        assertThat(NetworkValue.parse("Host.Example.COM.").literal()).isEqualTo("host.example.com");
    }

    @Test
    void everyAddressRoundTripsThroughItsCanonicalText() throws Exception {
        Random r = new Random(SEED);
        for (int i = 0; i < 5_000; i++) {
            boolean v6 = r.nextBoolean();
            byte[] bytes = new byte[v6 ? 16 : 4];
            r.nextBytes(bytes);
            if (v6 && r.nextInt(3) == 0) {
                // runs of zeros, where the compression rules bite
                int from = r.nextInt(16);
                for (int j = from; j < Math.min(16, from + 2 * (1 + r.nextInt(6))); j++) {
                    bytes[j] = 0;
                }
            }
            InetAddress a = InetAddress.getByAddress(bytes);
            NetworkValue v = NetworkValue.parse(a.getHostAddress());
            assertThat(v.low()).as("seed %d: %s", SEED, a).isEqualTo(new BigInteger(1, bytes));
            assertThat(NetworkValue.parse(v.literal())).as("seed %d", SEED).isEqualTo(v);
            if (!(v6 && isMapped(bytes))) {
                // the JDK reads the same address back from the canonical text
                assertThat(new BigInteger(1, InetAddress.getByName(v.literal()).getAddress())).as("seed %d: %s", SEED,
                        v.literal()).isEqualTo(v.low());
            }
            if (v6) {
                assertThat(v.literal()).doesNotContain(":::").matches("[0-9a-f:.]+").doesNotMatch(".*(^|:)0[0-9a-f].*");
            }
        }
    }

    private static boolean isMapped(byte[] b) {
        for (int i = 0; i < 10; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return (b[10] & 255) == 255 && (b[11] & 255) == 255;
    }

    @Test
    void containmentAndOverlapAgreeWithCountingAddresses() {
        Random r = new Random(SEED + 1);
        for (int i = 0; i < 2_000; i++) {
            NetworkValue a = small(r);
            NetworkValue b = small(r);
            boolean contains = true;
            boolean overlaps = false;
            for (long x = b.low().longValue(); x <= b.high().longValue(); x++) {
                boolean in = x >= a.low().longValue() && x <= a.high().longValue();
                contains &= in;
                overlaps |= in;
            }
            for (long x = a.low().longValue(); x <= a.high().longValue() && !overlaps; x++) {
                overlaps |= x >= b.low().longValue() && x <= b.high().longValue();
            }
            assertThat(a.contains(b)).as("seed %d: %s contains %s", SEED, a, b).isEqualTo(contains);
            assertThat(a.overlaps(b)).as("seed %d: %s overlaps %s", SEED, a, b).isEqualTo(overlaps);
        }
    }

    /** A host, network or range inside 10.0.0.0/24, small enough to count. */
    private static NetworkValue small(Random r) {
        int x = r.nextInt(256);
        return switch (r.nextInt(3)) {
            case 0 -> NetworkValue.parse("10.0.0." + x);
            case 1 -> {
                int len = 24 + r.nextInt(9);
                int size = 1 << (32 - len);
                yield NetworkValue.parse("10.0.0." + (x / size * size) + "/" + len);
            }
            default -> {
                int y = r.nextInt(256);
                yield NetworkValue.parse("10.0.0." + Math.min(x, y) + "-10.0.0." + Math.max(x, y));
            }
        };
    }
}
