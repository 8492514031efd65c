using ActorWarehouse.Actors.Sharding;
using ActorWarehouse.Actors.Sharding.Internal;

namespace ActorWarehouse.Actors.Tests.Sharding;

public sealed class ShardIdSpec
{
    /// <summary>The same algorithm written independently with 64-bit arithmetic and masks (no helpers shared with the runtime).</summary>
    private static int ReferenceStringHash(string s)
    {
        const ulong M = 0xFFFFFFFF;
        ulong Rotl(ulong v, int n) => ((v << n) | (v >> (32 - n))) & M;
        ulong h = ((ulong)s.Length * 0x331df49 & M) ^ 0x971e137b;
        ulong a = 0x95543787, b = 0x2ad7eb25;
        for (int i = 0; i < s.Length; i += 2)
        {
            ulong word = i + 1 < s.Length ? (((ulong)s[i] << 16) + s[i + 1]) & M : s[i];
            h = ((((h ^ (Rotl(word * a & M, 11) * b & M)) * 3) & M) + 0x52dce729) & M;
            a = (a * 5 + 0x7b7d159c) & M;
            b = (b * 5 + 0x6bce6396) & M;
        }
        h ^= h >> 16; h = h * 0x85ebca6b & M; h ^= h >> 13; h = h * 0xc2b2ae35 & M; h ^= h >> 16;
        return unchecked((int)(uint)h);
    }

    [Theory]
    [InlineData("")]
    [InlineData("a")]
    [InlineData("ab")]
    [InlineData("abc")]
    [InlineData("entity-42")]
    [InlineData("counter-999")]
    [InlineData("Ünïcødé ✓ 😀")]
    public void The_string_hash_matches_an_independent_implementation_of_the_algorithm(string s) =>
        Assert.Equal(ReferenceStringHash(s), MurmurHash.StringHash(s));

    [Fact]
    public void The_string_hash_does_not_depend_on_the_process_randomized_string_hash()
    {
        // string.GetHashCode differs per process; our hash must be a pure function of the characters.
        var copy = new string("entity-7".ToCharArray());
        Assert.Equal(MurmurHash.StringHash("entity-7"), MurmurHash.StringHash(copy));
        Assert.NotEqual(MurmurHash.StringHash("entity-7"), MurmurHash.StringHash("entity-8"));
    }

    [Fact]
    public void Shard_ids_are_abs_of_the_hash_modulo_the_number_of_shards_as_decimal_strings()
    {
        for (int i = 0; i < 2000; i++)
        {
            var id = "e" + i;
            var expected = (Math.Abs((long)ReferenceStringHash(id)) % 100).ToString(System.Globalization.CultureInfo.InvariantCulture);
            Assert.Equal(expected, HashCodeMessageExtractor.ShardIdOf(id, 100));
        }
    }

    [Fact]
    public void A_thousand_entities_spread_over_all_hundred_shards()
    {
        var shards = Enumerable.Range(0, 1000).Select(i => HashCodeMessageExtractor.ShardIdOf("counter-" + i, 100)).ToHashSet();
        Assert.True(shards.Count >= 95, $"only {shards.Count} of 100 shards used");
    }

    [Fact]
    public void The_region_unwraps_sharding_envelopes_and_maps_StartEntity_without_the_user_extractor()
    {
        var extractor = HashCodeMessageExtractor.Create(10, m => m is int n ? "n" + n : null, m => m is int n ? n * 2 : m);
        Assert.Equal("x", EntityMessages.EntityId(extractor, new ShardingEnvelope("x", "hello")));
        Assert.Equal("hello", EntityMessages.Payload(extractor, new ShardingEnvelope("x", "hello")));
        Assert.Equal("y", EntityMessages.EntityId(extractor, new ShardRegion.StartEntity("y")));
        Assert.Equal("n3", EntityMessages.EntityId(extractor, 3));
        Assert.Equal(6, EntityMessages.Payload(extractor, 3));
        Assert.Null(EntityMessages.EntityId(extractor, "not for an entity"));
    }

    [Fact]
    public void Entity_actor_names_are_url_escaped_so_any_id_is_a_valid_name()
    {
        Assert.Equal("a%2Fb%20c", EntityMessages.ActorName("a/b c"));
        Assert.Equal("%24x", EntityMessages.ActorName("$x"));
    }
}
