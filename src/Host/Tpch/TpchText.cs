using System.Text;

namespace ActorWarehouse.Host.Tpch;

/// <summary>
/// The comment text of clause 4.2.2.10: a pool of sentences produced by the spec's grammar from
/// its weighted word lists; a text string [min, max] is a substring of the pool of random length
/// in [min, max] at a random offset (so it may start or end inside a word, or with a blank).
/// The pool is smaller than the spec's 300 MB, which changes nothing a query can observe.
/// </summary>
internal static class TpchText
{
    private const int PoolSize = 8 << 20;
    private const ulong PoolStream = 0x7E47;

    private static readonly Lazy<byte[]> LazyPool = new(BuildPool);

    public static byte[] Pool => LazyPool.Value;

    private static readonly WeightedList Nouns = new(
        ("packages", 40), ("requests", 40), ("accounts", 40), ("deposits", 40), ("foxes", 20), ("ideas", 20),
        ("theodolites", 20), ("pinto beans", 20), ("instructions", 20), ("dependencies", 10), ("excuses", 10),
        ("platelets", 10), ("asymptotes", 10), ("courts", 5), ("dolphins", 5), ("multipliers", 1), ("sauternes", 1),
        ("warthogs", 1), ("frets", 1), ("dinos", 1), ("attainments", 1), ("somas", 1), ("Tiresias", 1), ("patterns", 1),
        ("forges", 1), ("braids", 1), ("frays", 1), ("warhorses", 1), ("dugouts", 1), ("notornis", 1), ("epitaphs", 1),
        ("pearls", 1), ("tithes", 1), ("waters", 1), ("orbits", 1), ("gifts", 1), ("sheaves", 1), ("depths", 1),
        ("sentiments", 1), ("decoys", 1), ("realms", 1), ("pains", 1), ("grouches", 1), ("escapades", 1), ("hockey players", 1));

    private static readonly WeightedList Verbs = new(
        ("sleep", 20), ("wake", 20), ("are", 20), ("cajole", 20), ("haggle", 20), ("nag", 10), ("use", 10), ("boost", 10),
        ("affix", 5), ("detect", 5), ("integrate", 5), ("maintain", 1), ("nod", 1), ("was", 1), ("lose", 1), ("sublate", 1),
        ("solve", 1), ("thrash", 1), ("promise", 1), ("engage", 1), ("hinder", 1), ("print", 1), ("x-ray", 1), ("breach", 1),
        ("eat", 1), ("grow", 1), ("impress", 1), ("mold", 1), ("poach", 1), ("serve", 1), ("run", 1), ("dazzle", 1),
        ("snooze", 1), ("doze", 1), ("unwind", 1), ("kindle", 1), ("play", 1), ("hang", 1), ("believe", 1), ("doubt", 1));

    private static readonly WeightedList Adjectives = new(
        ("special", 20), ("pending", 20), ("unusual", 20), ("express", 20), ("furious", 1), ("sly", 1), ("careful", 1),
        ("blithe", 1), ("quick", 1), ("fluffy", 1), ("slow", 1), ("quiet", 1), ("ruthless", 1), ("thin", 1), ("close", 1),
        ("dogged", 1), ("daring", 1), ("brave", 1), ("stealthy", 1), ("permanent", 1), ("enticing", 1), ("idle", 1),
        ("busy", 1), ("regular", 50), ("final", 40), ("ironic", 40), ("even", 30), ("bold", 20), ("silent", 10));

    private static readonly WeightedList Adverbs = new(
        ("sometimes", 1), ("always", 1), ("never", 1), ("furiously", 50), ("slyly", 50), ("carefully", 50),
        ("blithely", 40), ("quickly", 30), ("fluffily", 20), ("slowly", 1), ("quietly", 1), ("ruthlessly", 1),
        ("thinly", 1), ("closely", 1), ("doggedly", 1), ("daringly", 1), ("bravely", 1), ("stealthily", 1),
        ("permanently", 1), ("enticingly", 1), ("idly", 1), ("busily", 1), ("regularly", 1), ("finally", 1),
        ("ironically", 1), ("evenly", 1), ("boldly", 1), ("silently", 1));

    private static readonly WeightedList Prepositions = new(
        ("about", 50), ("above", 50), ("according to", 50), ("across", 50), ("after", 50), ("against", 40), ("along", 40),
        ("alongside of", 30), ("among", 30), ("around", 20), ("at", 10), ("atop", 1), ("before", 1), ("behind", 1),
        ("beneath", 1), ("beside", 1), ("besides", 1), ("between", 1), ("beyond", 1), ("by", 1), ("despite", 1),
        ("during", 1), ("except", 1), ("for", 1), ("from", 1), ("in place of", 1), ("inside", 1), ("instead of", 1),
        ("into", 1), ("near", 1), ("of", 1), ("on", 1), ("outside", 1), ("over", 1), ("past", 1), ("since", 1),
        ("through", 1), ("throughout", 1), ("to", 1), ("toward", 1), ("under", 1), ("until", 1), ("up", 1), ("upon", 1),
        ("without", 1), ("with", 1), ("within", 1));

    private static readonly WeightedList Auxiliaries = new(
        ("do", 1), ("may", 1), ("might", 1), ("shall", 1), ("will", 1), ("would", 1), ("can", 1), ("could", 1),
        ("should", 1), ("ought to", 1), ("must", 1), ("will have to", 1), ("shall have to", 1), ("could have to", 1),
        ("should have to", 1), ("must have to", 1), ("need to", 1), ("try to", 1));

    private static readonly WeightedList Terminators = new((".", 50), (";", 1), (":", 1), ("?", 1), ("!", 1), ("--", 1));

    // Grammar productions and their weights: N noun phrase, V verb phrase, P prepositional phrase, T terminator.
    private static readonly WeightedList Sentences = new(("N V T", 3), ("N V P T", 3), ("N V N T", 3), ("N P V N T", 1), ("N P V P T", 1));
    private static readonly WeightedList NounPhrases = new(("n", 10), ("j n", 20), ("j, j n", 10), ("d j n", 50));
    private static readonly WeightedList VerbPhrases = new(("v", 30), ("x v", 1), ("v d", 40), ("x v d", 1));

    private static byte[] BuildPool()
    {
        var random = new TpchRandom(PoolStream, 0);
        var text = new StringBuilder(PoolSize + 256);
        while (text.Length < PoolSize)
        {
            foreach (string part in Sentences.Pick(ref random).Split(' '))
            {
                switch (part)
                {
                    case "N": AppendPhrase(text, NounPhrases.Pick(ref random), ref random); break;
                    case "V": AppendPhrase(text, VerbPhrases.Pick(ref random), ref random); break;
                    case "P":
                        text.Append(Prepositions.Pick(ref random)).Append(" the ");
                        AppendPhrase(text, NounPhrases.Pick(ref random), ref random);
                        break;
                    case "T":
                        if (text.Length > 0 && text[^1] == ' ') text.Length--;
                        text.Append(Terminators.Pick(ref random)).Append(' ');
                        break;
                }
            }
        }
        return Encoding.ASCII.GetBytes(text.ToString(0, PoolSize));
    }

    private static void AppendPhrase(StringBuilder text, string production, ref TpchRandom random)
    {
        foreach (char symbol in production)
        {
            switch (symbol)
            {
                case 'n': text.Append(Nouns.Pick(ref random)); break;
                case 'v': text.Append(Verbs.Pick(ref random)); break;
                case 'j': text.Append(Adjectives.Pick(ref random)); break;
                case 'd': text.Append(Adverbs.Pick(ref random)); break;
                case 'x': text.Append(Auxiliaries.Pick(ref random)); break;
                default: text.Append(symbol); break;
            }
        }
        text.Append(' ');
    }

    private sealed class WeightedList
    {
        private readonly string[] _words;
        private readonly int[] _cumulative;

        public WeightedList(params (string Word, int Weight)[] entries)
        {
            _words = new string[entries.Length];
            _cumulative = new int[entries.Length];
            int total = 0;
            for (int i = 0; i < entries.Length; i++)
            {
                total += entries[i].Weight;
                _words[i] = entries[i].Word;
                _cumulative[i] = total;
            }
        }

        public string Pick(ref TpchRandom random)
        {
            int ticket = random.Next(1, _cumulative[^1]);
            int index = Array.BinarySearch(_cumulative, ticket);
            return _words[index >= 0 ? index : ~index];
        }
    }
}
