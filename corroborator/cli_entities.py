"""CLI commands for entities: `corroborator entities STORY` and `corroborator eval entities DATASET`.

Mounted on the main group in `cli.py`; they only parse options and call `corroborator.entities` and
`corroborator.entity_eval`. `ctx.obj` is the main group's context object (settings, `open()`).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.table import Table

from corroborator.entities import Entity, resolve_entities
from corroborator.entity_eval import EvalResult, evaluate_stories, load_gold_stories

console = Console(highlight=False, soft_wrap=True)


@click.command("entities")
@click.argument("story", type=int)
@click.option("--json", "as_json", is_flag=True, help="Print the entities as JSON instead of a table.")
@click.pass_obj
def entities_command(app: Any, story: int, as_json: bool) -> None:
    """List the entities of STORY (a story id): canonical name, type, aliases, mention count.

    Articles are analysed on first use and the analysis cached in the database.
    """
    with app.open() as store:
        entities = resolve_entities(store, story, app.settings)
    if as_json:
        click.echo(json.dumps([e.as_dict() for e in entities], ensure_ascii=False, indent=2))
    else:
        console.print(entity_table(entities))


def entity_table(entities: list[Entity]) -> Table:
    table = Table("id", "name", "type", "aliases", "mentions", "articles")
    for entity in entities:
        articles = len({m.article for m in entity.mentions})
        table.add_row(
            entity.id,
            entity.name,
            entity.type,
            ", ".join(entity.aliases),
            str(len(entity.mentions)),
            str(articles),
        )
    return table


@click.command("entities")
@click.argument("dataset", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--every", type=int, default=1, show_default=True, help="Score every N-th gold story only.")
@click.option("--processes", type=int, default=1, show_default=True, help="spaCy worker processes.")
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
@click.pass_obj
def eval_entities_command(app: Any, dataset: Path, every: int, processes: int, as_json: bool) -> None:
    """Score entity resolution on an ECB+ JSONL DATASET against a same-head-lemma baseline.

    Reports MUC, B-cubed, CEAF-e and CoNLL F1 over mentions found by both corroborator and the
    annotators (same span or same head word), per gold story, micro-averaged.
    """
    stories = load_gold_stories(dataset, every=every)
    result = evaluate_stories(stories, app.settings.spacy_model, n_process=processes)
    if as_json:
        click.echo(json.dumps(result.as_dict(), indent=2))
    else:
        console.print(score_table(result))


def score_table(result: EvalResult) -> Table:
    caption = (
        f"{result.stories} stories, {result.documents} documents; "
        f"{result.matched_mentions} of {result.gold_mentions} gold mentions matched"
    )
    table = Table("system", "MUC F1", "B³ F1", "CEAF-e F1", "CoNLL F1", caption=caption)
    for name, scores in (("corroborator", result.ours), ("same head lemma", result.baseline)):
        table.add_row(
            name,
            f"{scores.muc.f1:.4f}",
            f"{scores.b_cubed.f1:.4f}",
            f"{scores.ceaf_e.f1:.4f}",
            f"{scores.conll_f1:.4f}",
        )
    return table
