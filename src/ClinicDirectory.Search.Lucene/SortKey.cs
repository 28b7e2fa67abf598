namespace ClinicDirectory.Search.Lucene;

/// <summary>A hit's place in the result order: primary number, then name (NAME sort), then id.</summary>
internal readonly record struct SortKey(double Primary, string? Secondary, string Id) : IComparable<SortKey>
{
    public int CompareTo(SortKey other)
    {
        var c = Primary.CompareTo(other.Primary);
        if (c != 0) return c;
        c = string.CompareOrdinal(Secondary, other.Secondary);
        return c != 0 ? c : string.CompareOrdinal(Id, other.Id);
    }
}
