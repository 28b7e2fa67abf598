using ClinicDirectory.Core.Domain;

namespace ClinicDirectory.Api.GraphQL.Types;

/// <summary>A practitioner search hit.</summary>
public sealed class PractitionerEdgeType() : SearchEdgeType<Practitioner, PractitionerType>("PractitionerEdge");
