using Lucene.Net.Index;

namespace ClinicDirectory.Search.Lucene;

/// <summary>Takes a document's stored listing JSON and stops reading its stored fields there.</summary>
internal sealed class JsonFieldVisitor : StoredFieldVisitor
{
    private byte[]? _json;

    public override Status NeedsField(FieldInfo fieldInfo) =>
        _json is not null ? Status.STOP : fieldInfo.Name == Fields.Json ? Status.YES : Status.NO;

    public override void BinaryField(FieldInfo fieldInfo, byte[] value) => _json = value;

    /// <summary>The JSON read by the last visit (null if the document had none), and ready for the next.</summary>
    public byte[]? Take()
    {
        var json = _json;
        _json = null;
        return json;
    }
}
