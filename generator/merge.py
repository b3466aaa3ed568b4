"""A protocol's effective content: its stage's common part, changed by the protocol.

The one place for the rule "steps common to all types live once in the stage file; a protocol
adds, drops or changes steps for its type".
"""

from __future__ import annotations

import dataclasses

from generator.model import DoNow, Handbook, PausePoint, Protocol, RedFlag, Stage, Step


def effective_steps(handbook: Handbook, protocol: Protocol) -> tuple[Step, ...]:
    """The steps a worker follows, in order.

    A protocol that does not apply to its stage (`not_applicable`) inherits no stage step: its
    own steps say what to do instead.
    """
    return merged_steps(handbook.stage(protocol.stage), protocol)


def merged_steps(stage: Stage, protocol: Protocol) -> tuple[Step, ...]:
    """`effective_steps` for a protocol of `stage` (also before the handbook exists)."""
    if protocol.not_applicable is not None:
        return protocol.steps
    skipped = {s.step for s in protocol.skip_steps}
    changes = {c.step: c for c in protocol.change_steps}
    steps: list[Step] = []
    for step in stage.steps:
        if step.id in skipped:
            continue
        change = changes.get(step.id)
        if change is not None:
            fields = dict(change.replace)
            for name, items in change.add.items():
                fields[name] = (*fields.get(name, getattr(step, name)), *items)
            step = dataclasses.replace(step, **fields)
        steps.append(step)
    placed_last = []
    for step in protocol.steps:
        anchor = step.after or step.before
        index = next((i for i, s in enumerate(steps) if s.id == anchor), None)
        if index is None:
            placed_last.append(step)
        else:
            steps.insert(index + 1 if step.after else index, step)
    return (*steps, *placed_last)


def effective_red_flags(handbook: Handbook, protocol: Protocol) -> tuple[RedFlag, ...]:
    """Most urgent first (danger to life, then time-critical, then the rest); within one
    urgency the protocol's own red flags first (most specific), then its stage's.

    A protocol that does not apply to its stage replaces the stage: the stage's red flags
    describe the procedure that does not apply (e.g. "do not mediate face to face" on a page
    saying sexual violence is never mediated), so none is inherited.
    """
    flags = (protocol.red_flags if protocol.not_applicable is not None
             else (*protocol.red_flags, *handbook.stage(protocol.stage).red_flags))
    return tuple(sorted(flags, key=lambda flag: flag.rank))


def effective_pause_points(handbook: Handbook, protocol: Protocol) -> tuple[PausePoint, ...]:
    """The checklist's pause points: the protocol's own when the stage does not apply."""
    if protocol.not_applicable is not None:
        return protocol.pause_points
    return handbook.stage(protocol.stage).pause_points


def effective_do_now(stage: Stage, protocol: Protocol) -> tuple[DoNow, ...]:
    """The "Lakukan sekarang" list: the protocol's own, or else its stage's (never the
    stage's when the stage does not apply: its steps are not inherited)."""
    if protocol.not_applicable is not None:
        return protocol.do_now
    return protocol.do_now or stage.do_now


def effective_child(handbook: Handbook, protocol: Protocol) -> tuple[str, ...]:
    """What changes for a child: the protocol's guidance, then the stage's (none of the
    stage's when the stage does not apply)."""
    if protocol.not_applicable is not None:
        return protocol.child
    stage_child = handbook.stage(protocol.stage).child
    return (*protocol.child, *(c for c in stage_child if c not in protocol.child))
