using Lucene.Net.Codecs;
using Lucene.Net.Codecs.Compressing;
using Lucene.Net.Codecs.Lucene46;

namespace ClinicDirectory.Search.Lucene;

/// <summary>
/// The index's codec: Lucene 4.6's, but with stored fields (the listings' JSON) compressed in blocks of about
/// 4 KB instead of 16 KB. Reading one listing decompresses its block up to it, so a page of whole listings
/// (the patient page's search reads twenty) decompresses far less. The blocks are Lucene's FAST
/// mode's LZ4, written by a faster compressor of ours (<see cref="StoredFieldsCompression"/>).
/// </summary>
[CodecName(CodecName)]
internal sealed class DirectoryCodec : FilterCodec
{
    public const string CodecName = "ClinicDirectory46";

    /// <summary>Bytes of stored fields compressed together (a block ends after the document that reaches them).</summary>
    public const int StoredBlockBytes = 4 * 1024;

    private static readonly Lock Registering = new();
    private static bool _registered;

    private readonly StoredFieldsFormat _storedFields = new CompressingStoredFieldsFormat("ClinicDirectoryStoredFields", StoredFieldsCompression.Instance, StoredBlockBytes);

    public DirectoryCodec()
        : base(new Lucene46Codec())
    {
    }

    public override StoredFieldsFormat StoredFieldsFormat => _storedFields;

    /// <summary>Makes the codec known by name to every reader and writer of the process (Lucene looks codecs up by the name a segment records).</summary>
    public static void Register()
    {
        lock (Registering)
        {
            if (_registered) return;
            Codec.SetCodecFactory(new DefaultCodecFactory { CustomCodecTypes = [typeof(DirectoryCodec)] });
            _registered = true;
        }
    }
}
