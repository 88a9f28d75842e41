/**
 * Stop words per language: words that say how a question is asked rather than what it is about. They are
 * dropped at index and query time alike. Japanese ones are kana function words; the analyzer drops the
 * character bigrams that lie inside them.
 */

const EN = `a an the and or but of to in on at for with by from as into onto about over under than then so
if is are was were be been being am do does did doing done have has had having i me my mine we us our you your
it its this that these those there here he she him her they them their how what which who whom whose why when
where can could would should will shall may might must also just any some such very too more most own same
other else each every all both either neither s t d ll m re ve id im ive dont doesnt didnt cant isnt arent
wasnt wont want wanted wants like would able anyone someone something anything way ways possible get got
getting know please thanks thank use using used help`;

const JA = `これ それ あれ どれ この その あの どの ここ そこ あそこ どこ なに なん だれ いつ どう どうして
なぜ いくつ いくら です でした ですか でしょうか ます ました ません ましたか ですが ください という といわれる
とは について における による によって として ため など なにか なんと なんという なんですか だった であった
である ですね したか されたか されているか していたか しているか られるか 何 誰 どんな どのような どのように どのくらい どれくらい ぐらい くらい だれか`;

export const STOP_WORDS: Readonly<Record<string, ReadonlySet<string>>> = {
  en: new Set(EN.split(/\s+/)),
  ja: new Set(JA.split(/\s+/)),
};
