using System.Text.Json;
using ClinicDirectory.Core.Seeding;
using Lucene.Net.Codecs.Compressing;
using Lucene.Net.Store;
using Lucene.Net.Util;

namespace ClinicDirectory.Search.Lucene.Tests;

/// <summary>
/// The stored fields' compressor writes LZ4 blocks that Lucene's own decompressor reads back exactly, whole and in
/// part (as a search reads one listing of a block), and that keep the LZ4 block format's rules.
/// </summary>
public sealed class StoredFieldsCompressionTests
{
    /// <summary>Listings' JSON as the stored fields hold it, one after the other as a block holds them.</summary>
    private static byte[] ListingsJson()
    {
        var (clinics, practitioners) = TestListings.Build();
        using var stream = new MemoryStream();
        foreach (var clinic in clinics) JsonSerializer.Serialize(stream, clinic, DirectoryJson.Options);
        foreach (var practitioner in practitioners) JsonSerializer.Serialize(stream, practitioner, DirectoryJson.Options);
        return stream.ToArray();
    }

    public static TheoryData<string> Inputs() => [.. InputsByName.Keys];

    private static readonly Dictionary<string, Func<byte[]>> InputsByName = new()
    {
        ["empty"] = () => [],
        ["one byte"] = () => [42],
        ["twelve bytes, too short for a match"] = () => "abcdabcdabcd"u8.ToArray(),
        ["thirteen bytes of one value"] = () => Enumerable.Repeat((byte)7, 13).ToArray(),
        ["4 KB of zeros (a match overlapping itself)"] = () => new byte[4096],
        ["random bytes (no matches)"] = () => Random(5000, 1),
        ["listings' JSON"] = ListingsJson,
        ["listings' JSON repeated past 64 KB"] = () => [.. Enumerable.Range(0, 1 + 70_000 / ListingsJson().Length).SelectMany(_ => ListingsJson())],
        ["random 70 KB repeated: the repeat is too far back to be a match"] = () => { var r = Random(70_000, 2); return [.. r, .. r[..5000]]; },
        ["short runs and literals mixed"] = () => [.. Enumerable.Range(0, 3000).Select(i => (byte)(i % 7 == 0 ? i * 31 : i % 5))],
    };

    private static byte[] Random(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    private static byte[] Compress(byte[] input, int offset = 0, int? length = null)
    {
        var output = new GrowableByteArrayDataOutput(64);
        StoredFieldsCompression.Instance.NewCompressor().Compress(input, offset, length ?? input.Length - offset, output);
        return output.Bytes[..output.Length];
    }

    private static byte[] Decompress(byte[] compressed, int originalLength, int offset, int length)
    {
        var bytes = new BytesRef();
        StoredFieldsCompression.Instance.NewDecompressor().Decompress(new ByteArrayDataInput(compressed), originalLength, offset, length, bytes);
        return bytes.Bytes.AsSpan(bytes.Offset, bytes.Length).ToArray();
    }

    [Theory]
    [MemberData(nameof(Inputs))]
    public void Lucenes_decompressor_reads_back_the_input_whole(string input)
    {
        var bytes = InputsByName[input]();
        Assert.Equal(bytes, Decompress(Compress(bytes), bytes.Length, 0, bytes.Length));
    }

    [Theory]
    [MemberData(nameof(Inputs))]
    public void Lucenes_decompressor_reads_back_any_part(string input)
    {
        var bytes = InputsByName[input]();
        var compressed = Compress(bytes);
        foreach (var (offset, length) in new[] { (0, 0), (0, bytes.Length / 3), (bytes.Length / 3, bytes.Length / 2), (bytes.Length / 2, bytes.Length - bytes.Length / 2) })
            Assert.Equal(bytes.AsSpan(offset, length).ToArray(), Decompress(compressed, bytes.Length, offset, length));
    }

    /// <summary>Many random inputs of every length up to 600 bytes, from alphabets of 2 to 256 letters (few letters: many matches, long and overlapping).</summary>
    [Fact]
    public void Lucenes_decompressor_reads_back_random_inputs_of_every_short_length()
    {
        var random = new Random(7);
        var compressor = StoredFieldsCompression.Instance.NewCompressor();
        for (var length = 0; length <= 600; length++)
        {
            foreach (var letters in new[] { 2, 4, 16, 256 })
            {
                var bytes = new byte[length + 10];
                for (var i = 0; i < bytes.Length; i++) bytes[i] = (byte)random.Next(letters);
                var output = new GrowableByteArrayDataOutput(64);
                compressor.Compress(bytes, 10, length, output);
                Assert.Equal(bytes.AsSpan(10, length).ToArray(), Decompress(output.Bytes[..output.Length], length, 0, length));
            }
        }
    }

    [Fact]
    public void Compresses_from_the_offset_it_is_given()
    {
        var bytes = ListingsJson();
        var compressed = Compress(bytes, 100, 2000);
        Assert.Equal(bytes.AsSpan(100, 2000).ToArray(), Decompress(compressed, 2000, 0, 2000));
    }

    [Theory]
    [MemberData(nameof(Inputs))]
    public void Writes_the_LZ4_block_format(string input)
    {
        var bytes = InputsByName[input]();
        var compressed = Compress(bytes);
        var (read, position, lastMatchStart, lastMatchEnd) = (0, 0, -1, 0);
        while (true)
        {
            var token = compressed[read++];
            var literals = Length(token >> 4, compressed, ref read);
            read += literals;
            position += literals;
            if (read == compressed.Length) break;
            var distance = compressed[read] | compressed[read + 1] << 8;
            read += 2;
            Assert.InRange(distance, 1, Math.Min(65535, position));
            lastMatchStart = position;
            position += 4 + Length(token & 15, compressed, ref read);
            lastMatchEnd = position;
        }

        Assert.Equal(bytes.Length, position);
        // The last five bytes are literals, and the last match starts at least twelve bytes before the end.
        Assert.True(lastMatchStart < 0 || (lastMatchEnd <= bytes.Length - 5 && lastMatchStart <= bytes.Length - 12),
            $"the last match is {lastMatchStart}-{lastMatchEnd} of {bytes.Length}");
    }

    private static int Length(int inToken, byte[] compressed, ref int read)
    {
        if (inToken < 15) return inToken;
        var length = 15;
        byte next;
        do length += next = compressed[read++];
        while (next == 255);
        return length;
    }

    [Fact]
    public void Compresses_listings_as_well_as_lucenes_own_compressor()
    {
        var bytes = ListingsJson();
        var lucenes = new GrowableByteArrayDataOutput(64);
        CompressionMode.FAST.NewCompressor().Compress(bytes, 0, bytes.Length, lucenes);
        var ours = Compress(bytes);
        Assert.True(ours.Length <= lucenes.Length * 1.02, $"{ours.Length} bytes against Lucene's {lucenes.Length} of {bytes.Length}");
        Assert.True(ours.Length < bytes.Length / 2, $"{ours.Length} of {bytes.Length} bytes");
    }
}
