import { EssayAnnotationCard } from './essay-annotation-card.js';

export { EssayAnnotationCard };

if (!customElements.get('essay-annotation-card')) customElements.define('essay-annotation-card', EssayAnnotationCard);

declare global {
  interface HTMLElementTagNameMap {
    'essay-annotation-card': EssayAnnotationCard;
  }
  interface HTMLElementEventMap {
    'essay-card-action': CustomEvent<import('./essay-annotation-card.js').CardAction>;
  }
}
