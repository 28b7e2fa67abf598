using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;
using Lucene.Net.Codecs.Compressing;
using Lucene.Net.Index;
using Lucene.Net.Store;
using Lucene.Net.Util;

namespace ClinicDirectory.Search.Lucene;

/// <summary>
/// How the index compresses its stored fields (the listings' JSON): Lucene's FAST mode, LZ4 blocks, written by
/// <see cref="Lz4BlockCompressor"/> and read by <see cref="Lz4BlockDecompressor"/> instead of Lucene.NET's own.
/// The blocks are the same format, so indexes written by either compressor read the same with either decompressor.
/// </summary>
internal sealed class StoredFieldsCompression : CompressionMode
{
    public static readonly StoredFieldsCompression Instance = new();

    private StoredFieldsCompression()
    {
    }

    public override Compressor NewCompressor() => new Lz4BlockCompressor();

    public override Decompressor NewDecompressor() => new Lz4BlockDecompressor();

    public override string ToString() => "FAST (LZ4)";
}

/// <summary>
/// An LZ4 block compressor (the LZ4 block format: sequences of literals and a match of at least 4 bytes at most
/// 65,535 bytes back, the last 5 bytes always literals). Lucene.NET's own reads its input a byte at a time, keeps
/// its hash table in packed integers and writes its output a byte at a time. This one reads 4 and 8 bytes at a time, hashes into a plain array and writes a chunk's compressed
/// bytes in one call. Not thread-safe: Lucene makes one per stored-fields writer.
/// </summary>
internal sealed class Lz4BlockCompressor : Compressor
{
    private const int MinMatch = 4;
    private const int LastLiterals = 5;
    // A match starts at least this far before the end (the format's rule, so that a decoder can copy in words).
    private const int MatchFindLimit = 12;
    private const int MaxDistance = 65535;
    private const int HashLog = 12;
    // After 2^SkipTrigger positions without a match the search steps faster (incompressible input).
    private const int SkipTrigger = 6;

    // Position + 1 of the last place each hash of 4 bytes was seen in this chunk; 0 for none.
    private readonly int[] _table = new int[1 << HashLog];
    private byte[] _output = [];

    public override void Compress(byte[] bytes, int off, int len, DataOutput output)
    {
        if (_output.Length < MaxCompressedLength(len)) _output = new byte[MaxCompressedLength(len)];
        var written = Compress(bytes.AsSpan(off, len), _output);
        output.WriteBytes(_output, 0, written);
    }

    /// <summary>The most bytes <paramref name="length"/> bytes of input can take compressed.</summary>
    public static int MaxCompressedLength(int length) => length + length / 255 + 16;

    /// <summary>Compresses <paramref name="source"/> into <paramref name="target"/> (at least <see cref="MaxCompressedLength"/> long); returns the bytes written.</summary>
    // Optimized from its first call (as are its helpers): a bulk load compresses from its first seconds, when
    // code the runtime has only just compiled is still unoptimized.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public int Compress(ReadOnlySpan<byte> source, Span<byte> target)
    {
        var written = 0;
        var anchor = 0;
        var length = source.Length;
        if (length > MatchFindLimit)
        {
            Array.Clear(_table);
            var searchLimit = length - MatchFindLimit;
            var matchLimit = length - LastLiterals;
            var position = 1;
            while (true)
            {
                // Find a match: the last place the next 4 bytes' hash was seen, if it holds the same 4 bytes.
                int reference;
                var searches = 1 << SkipTrigger;
                while (true)
                {
                    if (position >= searchLimit) goto LastLiteralsOut;
                    var sequence = BinaryPrimitives.ReadUInt32LittleEndian(source[position..]);
                    var hash = Hash(sequence);
                    reference = _table[hash] - 1;
                    _table[hash] = position + 1;
                    if (reference >= 0 && position - reference <= MaxDistance && BinaryPrimitives.ReadUInt32LittleEndian(source[reference..]) == sequence) break;
                    position += searches++ >> SkipTrigger;
                }

                // The match may start earlier than the 4 bytes found, back to the literals' start.
                while (position > anchor && reference > 0 && source[position - 1] == source[reference - 1])
                {
                    position--;
                    reference--;
                }

                var matchLength = MinMatch + CommonLength(source, reference + MinMatch, position + MinMatch, matchLimit);
                written = WriteSequence(source, anchor, position - anchor, position - reference, matchLength, target, written);
                position += matchLength;
                anchor = position;
                if (position >= searchLimit) break;
                // The position just before the match's end often starts the next one.
                _table[Hash(BinaryPrimitives.ReadUInt32LittleEndian(source[(position - 2)..]))] = position - 2 + 1;
            }
        }

    LastLiteralsOut:
        var literals = length - anchor;
        target[written++] = (byte)(Math.Min(literals, 15) << 4);
        if (literals >= 15) written = WriteLength(literals - 15, target, written);
        source[anchor..].CopyTo(target[written..]);
        return written + literals;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Hash(uint sequence) => (int)((sequence * 2654435761u) >> (32 - HashLog));

    /// <summary>How many bytes from <paramref name="at"/> on repeat those from <paramref name="earlier"/> on, before <paramref name="limit"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int CommonLength(ReadOnlySpan<byte> source, int earlier, int at, int limit)
    {
        var start = at;
        while (at + sizeof(ulong) <= limit)
        {
            var difference = BinaryPrimitives.ReadUInt64LittleEndian(source[earlier..]) ^ BinaryPrimitives.ReadUInt64LittleEndian(source[at..]);
            if (difference != 0) return at - start + (BitOperations.TrailingZeroCount(difference) >> 3);
            earlier += sizeof(ulong);
            at += sizeof(ulong);
        }

        while (at < limit && source[earlier] == source[at])
        {
            earlier++;
            at++;
        }

        return at - start;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int WriteSequence(ReadOnlySpan<byte> source, int anchor, int literals, int distance, int matchLength, Span<byte> target, int written)
    {
        var extraMatch = matchLength - MinMatch;
        target[written++] = (byte)((Math.Min(literals, 15) << 4) | Math.Min(extraMatch, 15));
        if (literals >= 15) written = WriteLength(literals - 15, target, written);
        source.Slice(anchor, literals).CopyTo(target[written..]);
        written += literals;
        target[written++] = (byte)distance;
        target[written++] = (byte)(distance >> 8);
        if (extraMatch >= 15) written = WriteLength(extraMatch - 15, target, written);
        return written;
    }

    /// <summary>A length beyond the token's 15: bytes of 255, then the rest.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int WriteLength(int length, Span<byte> target, int written)
    {
        for (; length >= 255; length -= 255) target[written++] = 255;
        target[written++] = (byte)length;
        return written;
    }
}

/// <summary>
/// An LZ4 block decompressor for stored fields read from the index's files. Lucene.NET's own reads the block a
/// byte at a time through the memory-mapped file's accessors (each sequence's token and distance). This one reads the most the block can
/// take compressed in one call, decodes from the array and moves the file's position to the block's end, as
/// Lucene's leaves it (a block written in slices is read by consecutive calls). Other inputs, and the checksumming
/// inputs merges read through, go to Lucene's.
/// Not thread-safe: Lucene clones one per reader clone.
/// </summary>
internal sealed class Lz4BlockDecompressor : Decompressor
{
    private static readonly Decompressor Lucenes = CompressionMode.FAST.NewDecompressor();

    private byte[] _compressed = [];

    public override void Decompress(DataInput input, int originalLength, int offset, int length, BytesRef bytes)
    {
        // A checksumming input (a merge reading the segments it merges) can neither read past the block nor seek back.
        if (input is not IndexInput file || input is ChecksumIndexInput)
        {
            Lucenes.Decompress(input, originalLength, offset, length, bytes);
            return;
        }

        var start = file.Position;
        var window = (int)Math.Min(file.Length - start, Lz4BlockCompressor.MaxCompressedLength(originalLength));
        if (_compressed.Length < window) _compressed = new byte[window];
        file.ReadBytes(_compressed, 0, window);
        // As Lucene's: room for the whole block and 7 bytes more.
        if (bytes.Bytes.Length < originalLength + 7) bytes.Bytes = new byte[ArrayUtil.Oversize(originalLength + 7, 1)];
        var (decompressed, consumed) = Decode(_compressed.AsSpan(0, window), bytes.Bytes, offset + length);
        if (decompressed > originalLength)
            throw new CorruptIndexException($"Corrupted: lengths mismatch: {decompressed} > {originalLength} (resource={file})");
        file.Seek(start + consumed);
        bytes.Offset = offset;
        bytes.Length = length;
    }

    /// <summary>
    /// Decodes sequences until at least <paramref name="wanted"/> bytes are out, stopping where Lucene's
    /// decompressor stops; returns the bytes decompressed and the compressed bytes read.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static (int Decompressed, int Consumed) Decode(ReadOnlySpan<byte> source, byte[] target, int wanted)
    {
        int read = 0, written = 0;
        do
        {
            int token = source[read++];
            var literals = token >> 4;
            if (literals != 0)
            {
                if (literals == 15) literals += ReadLength(source, ref read);
                source.Slice(read, literals).CopyTo(target.AsSpan(written));
                read += literals;
                written += literals;
            }
            if (written >= wanted) break;

            var distance = source[read] | source[read + 1] << 8;
            read += 2;
            var matchLength = token & 15;
            if (matchLength == 15) matchLength += ReadLength(source, ref read);
            matchLength += 4;
            if (distance == 0 || distance > written)
                throw new CorruptIndexException($"Corrupted: a match {distance} bytes back at {written}");
            var from = written - distance;
            if (distance >= matchLength)
            {
                target.AsSpan(from, matchLength).CopyTo(target.AsSpan(written));
            }
            else
            {
                // The match overlaps what it writes (a run): byte by byte, each copied byte read again later.
                for (var k = 0; k < matchLength; k++) target[written + k] = target[from + k];
            }
            written += matchLength;
        }
        while (written < wanted);
        return (written, read);
    }

    private static int ReadLength(ReadOnlySpan<byte> source, ref int read)
    {
        var length = 0;
        byte next;
        do length += next = source[read++];
        while (next == 255);
        return length;
    }

    public override object Clone() => new Lz4BlockDecompressor();
}
