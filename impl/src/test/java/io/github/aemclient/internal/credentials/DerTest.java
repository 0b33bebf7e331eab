package io.github.aemclient.internal.credentials;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * DER lengths change form at 128 bytes (short: one byte; long: 0x80 + the count of length bytes, then the
 * length) and grow a byte at 256 and 65536. A real 2048-bit key only ever needs the long form, so each
 * boundary is checked here, byte for byte, against lengths written out by hand.
 */
class DerTest {

    private static final byte[] ALGORITHM_AND_VERSION = {
        0x02, 0x01, 0x00,
        0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00
    };

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 127, 128, 255, 256, 65535, 65536})
    void wrapsAKeyOfAnyLengthWithMinimalLengths(int keyLength) {
        byte[] pkcs1 = new byte[keyLength];
        for (int i = 0; i < keyLength; i++) {
            pkcs1[i] = (byte) (i * 31 + 7);
        }

        byte[] octetString = concat(new byte[] {0x04}, length(keyLength), pkcs1);
        byte[] content = concat(ALGORITHM_AND_VERSION, octetString);
        byte[] expected = concat(new byte[] {0x30}, length(content.length), content);

        assertThat(Der.pkcs1ToPkcs8(pkcs1)).isEqualTo(expected);
    }

    /** The length octets X.690 prescribes, spelled out per range rather than computed. */
    private static byte[] length(int length) {
        if (length <= 127) {
            return new byte[] {(byte) length};
        }
        if (length <= 0xff) {
            return new byte[] {(byte) 0x81, (byte) length};
        }
        if (length <= 0xffff) {
            return new byte[] {(byte) 0x82, (byte) (length >> 8), (byte) length};
        }
        return new byte[] {(byte) 0x83, (byte) (length >> 16), (byte) (length >> 8), (byte) length};
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
