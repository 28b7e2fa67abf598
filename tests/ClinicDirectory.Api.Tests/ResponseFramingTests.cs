using System.Text;

namespace ClinicDirectory.Api.Tests;

/// <summary>How GraphQL answers leave the real server (Kestrel, as its own process): in one piece, with their length.</summary>
public sealed class ResponseFramingTests : IDisposable
{
    private readonly TempDirectory _data = new("clinicdirectory-framing");

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task GraphQL_answers_and_errors_carry_their_length_instead_of_a_chunked_body()
    {
        using var service = ServiceProcess.Start(_data.Path);
        await service.WaitReadyAsync();
        foreach (var (body, expected) in new[]
        {
            ("{\"query\":\"{ searchClinics(first: 2) { totalCount edges { node { id name } } } }\"}", "totalCount"),
            ("{\"query\":\"{ searchClinics(first: 2) { nothing } }\"}", "\"errors\""),
            ("not json", "INVALID_REQUEST"),
        })
        {
            using var content = new StringContent(body, Encoding.UTF8, "application/json");
            using var response = await service.Client.PostAsync(new Uri("/graphql", UriKind.Relative), content);
            var bytes = await response.Content.ReadAsByteArrayAsync();

            Assert.NotEqual(true, response.Headers.TransferEncodingChunked);
            Assert.Equal(bytes.Length, response.Content.Headers.ContentLength);
            Assert.Contains(expected, Encoding.UTF8.GetString(bytes), StringComparison.Ordinal);
        }
    }
}
