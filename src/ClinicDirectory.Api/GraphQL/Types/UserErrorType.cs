using ClinicDirectory.Core.Editing;
using GraphQL.Types;

namespace ClinicDirectory.Api.GraphQL.Types;

/// <summary>A refused part of a mutation.</summary>
public sealed class UserErrorType : ObjectGraphType<UserError>
{
    public UserErrorType()
    {
        Name = "UserError";
        Field<ListGraphType<NonNullGraphType<StringGraphType>>>("field").Description("Path to the input field at fault, e.g. [\"patch\", \"latitude\"].").ResolveFromSource(s => s.Field);
        Field<NonNullGraphType<StringGraphType>>("message").Description("What is wrong.").ResolveFromSource(s => s.Message);
        Field<NonNullGraphType<UserErrorCodeEnum>>("code").Description("Kind of error.").ResolveFromSource(s => s.Code);
    }
}
