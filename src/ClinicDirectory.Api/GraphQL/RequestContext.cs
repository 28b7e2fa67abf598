using ClinicDirectory.Core.Access;

namespace ClinicDirectory.Api.GraphQL;

/// <summary>The GraphQL user context: who is calling.</summary>
public sealed class RequestContext : Dictionary<string, object?>
{
    public Caller? Caller { get; init; }
}
