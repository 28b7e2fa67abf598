namespace ClinicDirectory.Search.Lucene;

/// <summary>Where and how the embedded engine keeps its index.</summary>
public sealed class LuceneEngineOptions
{
    /// <summary>Folder of the index; created when missing.</summary>
    public string IndexPath { get; set; } = "data/index";

    /// <summary>RAM buffer of the writer before it flushes a segment; larger speeds bulk indexing.</summary>
    public double RamBufferMb { get; set; } = 48;
}
