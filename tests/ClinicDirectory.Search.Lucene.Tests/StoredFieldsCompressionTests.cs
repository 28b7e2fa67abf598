using System.Text.Json;
using ClinicDirectory.Core.Seeding;
using Lucene.Net.Codecs.Compressing;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Store;
using Lucene.Net.Util;

namespace ClinicDirectory.Search.Lucene.Tests;

/// <summary>
/// The stored fields' compressor writes LZ4 blocks that Lucene's own decompressor reads back exactly, whole and in
/// part (as a search reads one listing of a block), and that keep the LZ4 block format's rules; the decompressor
/// reads blocks of either compressor from the index's files, leaving each file where Lucene's would.
/// </summary>
public sealed class StoredFieldsCompressionTests : IDisposable
{
    private readonly TempDirectory _folder = new("clinicdirectory-tests");

    public void Dispose() => _folder.Dispose();

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

    /// <summary>
    /// Many random inputs of every length up to 600 bytes, from alphabets of 2 to 256 letters (few letters: many
    /// matches, long and overlapping), read back by Lucene's decompressor and, one block after the other from one
    /// file, by ours.
    /// </summary>
    [Fact]
    public void Both_decompressors_read_back_random_inputs_of_every_short_length()
    {
        var random = new Random(7);
        var compressor = StoredFieldsCompression.Instance.NewCompressor();
        var inputs = new List<byte[]>();
        using var directory = new RAMDirectory();
        using (var file = directory.CreateOutput("blocks", IOContext.DEFAULT))
        {
            for (var length = 0; length <= 600; length++)
            {
                foreach (var letters in new[] { 2, 4, 16, 256 })
                {
                    var bytes = new byte[length + 10];
                    for (var i = 0; i < bytes.Length; i++) bytes[i] = (byte)random.Next(letters);
                    var output = new GrowableByteArrayDataOutput(64);
                    compressor.Compress(bytes, 10, length, output);
                    var input = bytes[10..];
                    Assert.Equal(input, Decompress(output.Bytes[..output.Length], length, 0, length));
                    file.WriteBytes(output.Bytes, output.Length);
                    inputs.Add(input);
                }
            }
        }

        using var blocks = directory.OpenInput("blocks", IOContext.READ);
        var ours = StoredFieldsCompression.Instance.NewDecompressor();
        var read = new BytesRef();
        foreach (var input in inputs)
        {
            ours.Decompress(blocks, input.Length, 0, input.Length, read);
            Assert.Equal(input, read.Bytes.AsSpan(read.Offset, read.Length).ToArray());
        }
        Assert.Equal(blocks.Length, blocks.Position);
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

    /// <summary>Every input compressed by both compressors, one block after the other in one file of the index's kind (memory-mapped).</summary>
    [Fact]
    public void The_decompressor_reads_consecutive_blocks_of_a_file_and_leaves_it_at_each_blocks_end()
    {
        var inputs = InputsByName.Values.Select(make => make()).ToList();
        var blocks = new List<(byte[] Input, long Start, long End)>();
        using var directory = new MMapDirectory(new DirectoryInfo(_folder.Path));
        using (var output = directory.CreateOutput("blocks", IOContext.DEFAULT))
        {
            foreach (var mode in new[] { StoredFieldsCompression.Instance, CompressionMode.FAST })
            {
                foreach (var input in inputs)
                {
                    var start = output.Position;
                    mode.NewCompressor().Compress(input, 0, input.Length, output);
                    blocks.Add((input, start, output.Position));
                }
            }
            // What follows the last block in a stored-fields file (its footer): never read as part of a block.
            output.WriteBytes(new byte[16], 16);
        }

        using var file = directory.OpenInput("blocks", IOContext.READ);
        var decompressor = StoredFieldsCompression.Instance.NewDecompressor();
        Assert.IsType<Lz4BlockDecompressor>(decompressor);
        var bytes = new BytesRef();
        foreach (var (input, _, end) in blocks)
        {
            decompressor.Decompress(file, input.Length, 0, input.Length, bytes);
            Assert.Equal(input, bytes.Bytes.AsSpan(bytes.Offset, bytes.Length).ToArray());
            Assert.Equal(end, file.Position);
        }

        // A part of a block, as a search reads one listing: only what comes before the part's end is decoded.
        foreach (var (input, start, _) in blocks)
        {
            file.Seek(start);
            var (offset, length) = (input.Length / 3, input.Length / 2);
            decompressor.Decompress(file, input.Length, offset, length, bytes);
            Assert.Equal(input.AsSpan(offset, length).ToArray(), bytes.Bytes.AsSpan(bytes.Offset, bytes.Length).ToArray());
        }
    }

    [Fact]
    public void A_block_whose_match_reaches_before_its_start_is_reported_corrupt()
    {
        using var directory = new MMapDirectory(new DirectoryInfo(_folder.Path));
        using (var output = directory.CreateOutput("corrupt", IOContext.DEFAULT))
        {
            // One literal, then a 4-byte match 9 bytes back: before the block's first byte.
            output.WriteBytes([0x10, (byte)'a', 9, 0, 0x50, 1, 2, 3, 4, 5], 10);
        }
        using var file = directory.OpenInput("corrupt", IOContext.READ);
        Assert.Throws<CorruptIndexException>(() => StoredFieldsCompression.Instance.NewDecompressor().Decompress(file, 10, 0, 10, new BytesRef()));
    }

    /// <summary>
    /// Through the index's codec: small and large stored values (a value of twice the block size or more is
    /// compressed in slices and read back by consecutive calls), after a merge that copies blocks and one that
    /// recompresses them (deleted documents).
    /// </summary>
    [Fact]
    public void Stored_values_of_every_size_read_back_through_the_index_codec()
    {
        DirectoryCodec.Register();
        var random = new Random(11);
        var listings = ListingsJson();
        var values = new Dictionary<string, byte[]>();
        for (var i = 0; i < 300; i++)
        {
            var size = i % 10 == 0 ? random.Next(8 * 1024, 70 * 1024) : random.Next(0, 3000);
            var value = new byte[size];
            for (var k = 0; k < size; k += 1 + random.Next(200))
                listings.AsSpan(random.Next(listings.Length - 200), Math.Min(200, size - k)).CopyTo(value.AsSpan(k));
            values[$"d{i}"] = value;
        }

        using var directory = new MMapDirectory(new DirectoryInfo(_folder.Path));
        var config = new IndexWriterConfig(TextAnalysis.Version, null) { Codec = new DirectoryCodec(), MaxBufferedDocs = 40, MergePolicy = NoMergePolicy.NO_COMPOUND_FILES };
        using (var writer = new IndexWriter(directory, config))
        {
            foreach (var (id, value) in values)
                writer.AddDocument([new StringField("id", id, Field.Store.YES), new StoredField("value", value)]);
            writer.Commit();
            AssertReadBack(directory, values);
            foreach (var id in values.Keys.Where((_, i) => i % 7 == 3).ToList())
            {
                writer.DeleteDocuments(new Term("id", id));
                values.Remove(id);
            }
            writer.ForceMerge(1);
            writer.Commit();
        }
        AssertReadBack(directory, values);
    }

    private static void AssertReadBack(BaseDirectory directory, Dictionary<string, byte[]> values)
    {
        using var reader = DirectoryReader.Open(directory);
        Assert.Equal(values.Count, reader.NumDocs);
        var live = MultiFields.GetLiveDocs(reader);
        for (var doc = 0; doc < reader.MaxDoc; doc++)
        {
            if (live is not null && !live.Get(doc)) continue;
            var document = reader.Document(doc);
            var value = document.GetBinaryValue("value");
            Assert.Equal(values[document.Get("id")], value.Bytes.AsSpan(value.Offset, value.Length).ToArray());
        }
    }
}
