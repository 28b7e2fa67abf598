using ClinicDirectory.Core.Search;

namespace ClinicDirectory.Api.GraphQL;

/// <summary>
/// An Apollo Federation entity representation (<c>{ "__typename": "Clinic", "id": "..." }</c>): clinics and
/// practitioners are entities keyed by <c>id</c>, so a partner's gateway can join its own data to them.
/// </summary>
public sealed class EntityKey
{
    public string Id { get; set; } = "";

    internal static async Task<T?> LoadAsync<T>(global::GraphQL.IResolveFieldContext context, EntityKey key,
        Func<IDirectoryEngine, string[], CancellationToken, Task<IReadOnlyList<T>>> load) where T : class
    {
        var engine = context.RequestServices!.GetRequiredService<IDirectoryEngine>();
        var found = await load(engine, [key.Id], context.CancellationToken);
        return found.Count > 0 ? found[0] : null;
    }
}
