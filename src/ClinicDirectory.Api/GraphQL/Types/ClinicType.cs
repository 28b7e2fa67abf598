using ClinicDirectory.Core.Domain;
using ClinicDirectory.Core.Search;
using GraphQL;
using GraphQL.Federation;
using GraphQL.Types;

namespace ClinicDirectory.Api.GraphQL.Types;

/// <summary>A clinic listing.</summary>
public sealed class ClinicType : ObjectGraphType<Clinic>
{
    public ClinicType()
    {
        Name = "Clinic";
        // An Apollo Federation entity, keyed by id (_entities resolves it).
        this.Key("id");
        this.ResolveReference<EntityKey, Clinic>((context, key) => EntityKey.LoadAsync(context, key, (engine, ids, ct) => engine.GetClinicsAsync(ids, ct))!);
        Field<NonNullGraphType<IdGraphType>>("id").Description("Clinic id.").ResolveFromSource(s => s.Id);
        Field<NonNullGraphType<StringGraphType>>("name").Description("Clinic name.").ResolveFromSource(s => s.Name);
        Field<StringGraphType>("description").Description("What the clinic offers.").ResolveFromSource(s => s.Description);
        Field<NonNullGraphType<AddressType>>("address").Description("Street address.").ResolveFromSource(s => s.Address);
        Field<NonNullGraphType<FloatGraphType>>("latitude").Description("Latitude.").ResolveFromSource(s => s.Latitude);
        Field<NonNullGraphType<FloatGraphType>>("longitude").Description("Longitude.").ResolveFromSource(s => s.Longitude);
        Field<StringGraphType>("phone").Description("Phone number.").ResolveFromSource(s => s.Phone);
        Field<StringGraphType>("email").Description("E-mail address.").ResolveFromSource(s => s.Email);
        Field<StringGraphType>("website").Description("Web site.").ResolveFromSource(s => s.Website);
        Field<StringGraphType>("bookingUrl").Description("Online booking link.").ResolveFromSource(s => s.BookingUrl);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<OpeningHoursType>>>>("hours").Description("Opening hours.").ResolveFromSource(s => s.Hours);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<TechniqueEnum>>>>("techniques").Description("Techniques offered.").ResolveFromSource(s => s.Techniques);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ConditionType>>>>("conditions").Description("Conditions treated.")
            .Resolve(c => PractitionerType.ConditionsOf(c.RequestServices!, c.Source.Conditions));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("languages").Description("ISO 639-1 codes, e.g. \"en\", \"fr\", \"pa\".").ResolveFromSource(s => s.Languages);
        Field<NonNullGraphType<BooleanGraphType>>("directBilling").Description("The clinic bills extended health insurers directly.").ResolveFromSource(s => s.DirectBilling);
        Field<NonNullGraphType<BooleanGraphType>>("acceptingNewPatients").Description("Takes new patients.").ResolveFromSource(s => s.AcceptingNewPatients);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<PractitionerType>>>>("practitioners").Description("Practitioners listed at this clinic.")
            // Batched: the clinics of one list have their practitioners read together.
            .Resolve(c => c.RequestServices!.GetRequiredService<PractitionersByClinic>().Load(c.Source.Id, c.CancellationToken));
        Field<NonNullGraphType<DateTimeScalar>>("updatedAt").Description("Last change.").ResolveFromSource(s => s.UpdatedAt);
        Field<NonNullGraphType<IntGraphType>>("version").Description("Incremented by every accepted change.").ResolveFromSource(s => s.Version);
        Field<NonNullGraphType<BooleanGraphType>>("isSample").Description("A fictional sample listing, not a real clinic.").ResolveFromSource(s => s.IsSample);
    }
}
