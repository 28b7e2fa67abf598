namespace ClinicDirectory.Api.GraphQL.Types;

/// <summary>Changes to a clinic: only the fields present change.</summary>
public sealed class ClinicPatchType : ClinicFieldsInputType
{
    public ClinicPatchType() : base("ClinicPatch", required: false) => Description = "Only the fields present change.";
}
