import { isServer, LitElement } from 'lit';
import { property } from 'lit/decorators.js';
import { checkStrings, localeChanged, LocaleController } from '../../i18n/locale.js';
import type { EssayStrings } from '../../i18n/strings.js';

export interface EmitOptions {
  /** An event fired before an action is cancelable: the host page may veto the action with preventDefault(). */
  cancelable?: boolean;
}

/**
 * The base of every essay-reader element: one place that dispatches the library's events, so that all of them
 * bubble, cross shadow roots and carry a typed `detail`, and one place that knows which strings it speaks.
 */
export class EssayElement extends LitElement {
  private ownStrings: Partial<EssayStrings> | null = null;
  /**
   * It arrived with a shadow root a server rendered (declarative shadow DOM), which its first update hydrates:
   * that update must render what the server did, so state only the browser can know waits until it is done.
   */
  protected readonly serverRendered = !isServer && this.shadowRoot !== null;
  private readonly locale = new LocaleController(this, () => this.stringsChanged());

  /**
   * Texts to say differently from the bundled ones for its language (the nearest `lang`): any of
   * {@link EssayStrings}. Set on `<essay-reader>`, they apply to everything it renders and holds.
   * @throws TypeError when a string is unknown or of the wrong kind.
   */
  @property({ attribute: false })
  get strings(): Partial<EssayStrings> | null {
    return this.ownStrings;
  }
  set strings(value: Partial<EssayStrings> | null) {
    checkStrings(value, `<${this.localName}>`);
    const old = this.ownStrings;
    this.ownStrings = value ?? null;
    this.requestUpdate('strings', old);
    if (this.isConnected) localeChanged();
  }

  /** The strings it speaks now. */
  protected get t(): EssayStrings {
    return this.locale.strings;
  }

  /** Called when the strings it speaks changed (after a re-render was asked for), or a `dir` did. */
  protected stringsChanged(): void {}

  /**
   * Dispatches `name` as a bubbling, composed `CustomEvent` with `detail`.
   * @returns the event, so a caller can check `defaultPrevented` on a cancelable one.
   */
  emit<K extends keyof EssayEventDetails>(name: K, detail: EssayEventDetails[K], options: EmitOptions = {}) {
    const event = new CustomEvent<EssayEventDetails[K]>(name, {
      detail,
      bubbles: true,
      composed: true,
      cancelable: options.cancelable ?? false,
    });
    this.dispatchEvent(event);
    return event;
  }
}

/**
 * The `detail` of an annotation's create, update and delete events: the annotation, and whose change it was
 * (`local`: this reader's; `remote`: another tab's or another reader's, which its store reported).
 */
export interface AnnotationChange {
  annotation: import('../../core/model/annotation.js').Annotation;
  origin: 'local' | 'remote';
}

/** The `detail` of every event the library fires, by name. */
export interface EssayEventDetails {
  'essay-outline-change': { entries: import('../../core/outline/outline.js').OutlineEntry[] };
  'essay-section-change': { id: string | null };
  'essay-pullquote-error': { quote: string; message: string };
  'essay-toc-navigate': { id: string };
  'essay-note-orphan': { quote: string; message: string };
  'essay-note-back': { note: HTMLElement };
  'essay-note-change': { note: HTMLElement };
  'essay-annotation-create': AnnotationChange;
  'essay-annotation-update': AnnotationChange;
  'essay-annotation-delete': AnnotationChange;
  'essay-annotation-orphan': { annotation: import('../../core/model/annotation.js').Annotation };
  'essay-store-error': { kind: import('../../core/store/store.js').StoreErrorKind; message: string; annotationId?: string; quarantineKey?: string };
  'essay-store-status': { documentId: string } & import('../../core/store/store.js').StoreStatus;
  'essay-card-action': import('../essay-annotation-card/essay-annotation-card.js').CardAction;
  'essay-annotations-import': { annotations: import('../../core/model/annotation.js').Annotation[] };
  'essay-annotations-imported': { report: import('../essay-reader/annotation-import.js').ImportReport };
}

declare global {
  interface HTMLElementEventMap {
    'essay-outline-change': CustomEvent<EssayEventDetails['essay-outline-change']>;
    'essay-section-change': CustomEvent<EssayEventDetails['essay-section-change']>;
    'essay-pullquote-error': CustomEvent<EssayEventDetails['essay-pullquote-error']>;
    'essay-toc-navigate': CustomEvent<EssayEventDetails['essay-toc-navigate']>;
    'essay-note-orphan': CustomEvent<EssayEventDetails['essay-note-orphan']>;
    'essay-note-back': CustomEvent<EssayEventDetails['essay-note-back']>;
    'essay-note-change': CustomEvent<EssayEventDetails['essay-note-change']>;
    'essay-annotation-create': CustomEvent<EssayEventDetails['essay-annotation-create']>;
    'essay-annotation-update': CustomEvent<EssayEventDetails['essay-annotation-update']>;
    'essay-annotation-delete': CustomEvent<EssayEventDetails['essay-annotation-delete']>;
    'essay-annotation-orphan': CustomEvent<EssayEventDetails['essay-annotation-orphan']>;
    'essay-store-error': CustomEvent<EssayEventDetails['essay-store-error']>;
    'essay-store-status': CustomEvent<EssayEventDetails['essay-store-status']>;
    'essay-annotations-import': CustomEvent<EssayEventDetails['essay-annotations-import']>;
    'essay-annotations-imported': CustomEvent<EssayEventDetails['essay-annotations-imported']>;
    'essay-card-action': CustomEvent<EssayEventDetails['essay-card-action']>;
  }
}
