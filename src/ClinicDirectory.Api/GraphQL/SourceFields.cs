using GraphQL.Builders;
using GraphQL.Types;

namespace ClinicDirectory.Api.GraphQL;

/// <summary>
/// Fields whose value is read from the parent object alone (a property of the listing, the edge, the facet
/// value...), with no arguments, services or user. Such a field resolves as any other, and also carries its
/// reader, so <see cref="DirectoryExecutionStrategy"/> can write a list of objects made only of such fields
/// without an execution node per field of every item.
/// </summary>
public static class SourceFields
{
    private const string ReaderKey = "ClinicDirectory.SourceReader";

    /// <summary>Resolves the field with <paramref name="read"/> of the parent object, and marks it as read from the parent alone.</summary>
    public static FieldBuilder<TSource, TReturn> ResolveFromSource<TSource, TReturn>(this FieldBuilder<TSource, TReturn> field, Func<TSource, TReturn?> read)
    {
        ArgumentNullException.ThrowIfNull(field);
        ArgumentNullException.ThrowIfNull(read);
        field.Resolve(c => read(c.Source));
        field.FieldType.Metadata[ReaderKey] = (Func<object, object?>)(source => read((TSource)source));
        return field;
    }

    /// <summary>The field's reader, when it is read from the parent alone and takes no arguments.</summary>
    public static Func<object, object?>? Reader(FieldType field) =>
        field.Arguments is { Count: > 0 } ? null : field.GetMetadata<Func<object, object?>>(ReaderKey);
}
