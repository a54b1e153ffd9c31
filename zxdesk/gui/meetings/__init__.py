"""Widgets of the 协商议事 tab: meetings, follow-ups, mediation and the duty rota."""
