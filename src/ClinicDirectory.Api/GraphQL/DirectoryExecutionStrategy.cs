using System.Collections;
using System.Text.Json;
using System.Text.Json.Serialization;
using GraphQL;
using GraphQL.Execution;
using GraphQL.Types;
using GraphQLParser.AST;
using ExecutionContext = GraphQL.Execution.ExecutionContext;

namespace ClinicDirectory.Api.GraphQL;

/// <summary>
/// The library's parallel strategy, with one shortcut: a list of objects whose selected fields are all read
/// from the object alone (<see cref="SourceFields"/>), down to their leaves, is read into plain values and
/// written as they are, instead of as an execution node per item and per field of each item. A search page
/// has hundreds of such nodes (the edges with their listing, and the facet values), each resolved, completed,
/// checked and serialized on its own (what this saves: BENCHMARKS.md).
/// <para>
/// Fields are collected by the library (<see cref="ExecutionStrategy.CollectFieldsFrom"/>), so aliases,
/// fragments, <c>@skip</c> and <c>@include</c> apply as usual; values are serialized by their graph types as the
/// library does. A list with anything else in its selection (a field with a resolver of its own, arguments, an
/// abstract type), or whose values the library would report an error for (null for a non-null type, a value
/// the scalar cannot serialize, a reader that throws), goes the library's way, which reports it as usual.
/// </para>
/// </summary>
public sealed class DirectoryExecutionStrategy : ParallelExecutionStrategy
{
    protected override Task SetArrayItemNodesAsync(ExecutionContext context, ArrayExecutionNode parent)
    {
        if (TryReadPlainList(context, parent)) return Task.CompletedTask;
        return base.SetArrayItemNodesAsync(context, parent);
    }

    /// <summary>A list of objects read whole into plain values (lists of scalars the library already writes whole).</summary>
    private bool TryReadPlainList(ExecutionContext context, ArrayExecutionNode parent)
    {
        if (parent.Field.SelectionSet is not { } selection || ((ListGraphType)parent.GraphType).ResolvedType!.GetNamedType() is not IObjectGraphType)
            return false;
        ValueShape? shape;
        try
        {
            shape = ShapeOf(context, parent.GraphType, selection);
        }
#pragma warning disable CA1031 // Whatever collecting the fields throws, the library's way throws it where it reports it.
        catch (Exception)
#pragma warning restore CA1031
        {
            return false;
        }
        if (shape is null || !TryRead(shape, parent.Result, out var values)) return false;
        parent.SerializedResult = (List<object?>)values!;
        return true;
    }

    /// <summary>How an object's selected fields are read and written, or null when one of them is not read from the object alone.</summary>
    private ObjectFields? ShapeOfObject(ExecutionContext context, IObjectGraphType type, GraphQLSelectionSet selection)
    {
        var fields = CollectFieldsFrom(context, type, selection, null);
        var names = new string[fields.Count];
        var readers = new Func<object, object?>?[fields.Count];
        var shapes = new ValueShape[fields.Count];
        var i = 0;
        foreach (var (name, (field, definition)) in fields)
        {
            names[i] = name;
            if (definition == context.Schema.TypeNameMetaFieldType)
            {
                // __typename of a concrete type: its name.
                shapes[i++] = new ValueShape(true, null, null, null) { Constant = type.Name };
                continue;
            }
            if (SourceFields.Reader(definition) is not { } reader || ShapeOf(context, definition.ResolvedType!, field.SelectionSet) is not { } shape)
                return null;
            readers[i] = reader;
            shapes[i++] = shape;
        }
        return new ObjectFields(names, readers, shapes, type.SkipTypeCheck ? null : type.IsTypeOf);
    }

    // The recursion follows the selection, whose depth the query's cost check limits.
    private ValueShape? ShapeOf(ExecutionContext context, IGraphType type, GraphQLSelectionSet? selection)
    {
        var nonNull = type is NonNullGraphType;
        if (type is NonNullGraphType n) type = n.ResolvedType!;
        return type switch
        {
            ScalarGraphType scalar => new ValueShape(nonNull, scalar, null, null),
            IObjectGraphType obj when selection is not null && ShapeOfObject(context, obj, selection) is { } shape => new ValueShape(nonNull, null, shape, null),
            ListGraphType list when ShapeOf(context, list.ResolvedType!, selection) is { } item => new ValueShape(nonNull, null, null, item),
            _ => null,
        };
    }

    /// <summary>A value as the library would complete it; false where the library would report an error.</summary>
    private static bool TryRead(ValueShape shape, object? source, out object? value)
    {
        value = null;
        if (shape.Constant is not null)
        {
            value = shape.Constant;
            return true;
        }
        try
        {
            if (source is null) return !shape.NonNull;
            if (shape.Scalar is { } scalar)
            {
                value = scalar.Serialize(source);
                return value is not null || !shape.NonNull;
            }
            if (shape.Object is { } obj)
            {
                if (obj.IsTypeOf is { } isTypeOf && !isTypeOf(source)) return false;
                var values = new object?[obj.Names.Length];
                for (var i = 0; i < values.Length; i++)
                {
                    var field = obj.Shapes[i];
                    if (!TryRead(field, field.Constant is null ? obj.Readers[i]!(source) : null, out values[i])) return false;
                }
                value = new PlainObject(obj.Names, values);
                return true;
            }
            if (source is not IEnumerable items || source is string) return false;
            var list = new List<object?>(items is ICollection c ? c.Count : 4);
            foreach (var item in items)
            {
                if (!TryRead(shape.Item!, item, out var itemValue)) return false;
                list.Add(itemValue);
            }
            value = list;
            return true;
        }
#pragma warning disable CA1031 // Any failure is left to the library, which reports it as it always does.
        catch (Exception)
#pragma warning restore CA1031
        {
            return false;
        }
    }

    /// <summary>A selected type: a scalar, an object (its fields) or a list (its item); non-null or not.</summary>
    private sealed record ValueShape(bool NonNull, ScalarGraphType? Scalar, ObjectFields? Object, ValueShape? Item)
    {
        /// <summary>A value known from the type alone (__typename).</summary>
        public string? Constant { get; init; }
    }

    /// <summary>An object type's selected fields; IsTypeOf: the type's check of its values, as the library applies it.</summary>
    private sealed record ObjectFields(string[] Names, Func<object, object?>?[] Readers, ValueShape[] Shapes, Func<object, bool>? IsTypeOf);
}

/// <summary>
/// An object of a plain list (<see cref="DirectoryExecutionStrategy"/>): its response names and serialized values,
/// written as the library writes an object node: names through the serializer's naming policy, values by the
/// serializer. Only the response's JSON writer reads it.
/// </summary>
[JsonConverter(typeof(PlainObjectConverter))]
public sealed class PlainObject(string[] names, object?[] values)
{
    internal string[] Names { get; } = names;

    internal object?[] Values { get; } = values;
}

/// <summary>Writes a <see cref="PlainObject"/>; it is never read.</summary>
public sealed class PlainObjectConverter : JsonConverter<PlainObject>
{
    public override PlainObject Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new NotSupportedException("Plain objects are written only.");

    public override void Write(Utf8JsonWriter writer, PlainObject value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(options);
        writer.WriteStartObject();
        for (var i = 0; i < value.Names.Length; i++)
        {
            var name = value.Names[i];
            writer.WritePropertyName(options.PropertyNamingPolicy?.ConvertName(name) ?? name);
            WriteValue(writer, value.Values[i], options);
        }
        writer.WriteEndObject();
    }

    /// <summary>
    /// A value as the serializer writes it by its runtime type, as the library writes a value node. The kinds
    /// a page of results is made of (strings, numbers, booleans, nested objects and lists) are written here
    /// with the writer's own calls, which is what the serializer's converters for them call, without the serializer's
    /// lookup of a converter per value. Anything else goes to the serializer.
    /// </summary>
    private void WriteValue(Utf8JsonWriter writer, object? value, JsonSerializerOptions options)
    {
        switch (value)
        {
            case null:
                writer.WriteNullValue();
                break;
            case string text:
                writer.WriteStringValue(text);
                break;
            case int number when options.NumberHandling == JsonNumberHandling.Strict:
                writer.WriteNumberValue(number);
                break;
            case double number when options.NumberHandling == JsonNumberHandling.Strict && double.IsFinite(number):
                writer.WriteNumberValue(number);
                break;
            case bool flag:
                writer.WriteBooleanValue(flag);
                break;
            case PlainObject nested:
                Write(writer, nested, options);
                break;
            case List<object?> list:
                writer.WriteStartArray();
                foreach (var item in list) WriteValue(writer, item, options);
                writer.WriteEndArray();
                break;
            default:
                JsonSerializer.Serialize(writer, value, options);
                break;
        }
    }
}
